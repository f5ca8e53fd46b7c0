import { render, type RenderOptions } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { type ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";

import { AppProviders } from "@/app/providers";
import { createQueryClient } from "@/lib/query-client";

/**
 * Render inside the app's providers, at `path`, with a fresh query client (no retries). With
 * `browser`, the router follows jsdom's real `window.history` (Back, Forward, `history.state`)
 * instead of an in-memory location.
 */
export function renderWithProviders(
  ui: ReactElement,
  { path = "/", browser = false, ...options }: { path?: string; browser?: boolean } & Omit<RenderOptions, "wrapper"> = {},
) {
  const queryClient = createQueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false } },
  });
  const location = memoryLocation({ path, record: true });
  // Rendering again at the current URL is a reload: same entry, same `history.state`.
  const here = window.location.pathname + window.location.search;
  if (browser && path !== here) window.history.pushState(null, "", path);
  const user = userEvent.setup();
  const result = render(
    <Router hook={browser ? undefined : location.hook}>
      <AppProviders queryClient={queryClient}>{ui}</AppProviders>
    </Router>,
    options,
  );
  return { ...result, user, queryClient, location };
}
