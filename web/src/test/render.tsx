import { render, type RenderOptions } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { type ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";

import { AppProviders } from "@/app/providers";
import { createQueryClient } from "@/lib/query-client";

/** Render inside the app's providers, at `path`, with a fresh query client (no retries). */
export function renderWithProviders(
  ui: ReactElement,
  { path = "/", ...options }: { path?: string } & Omit<RenderOptions, "wrapper"> = {},
) {
  const queryClient = createQueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false } },
  });
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  const result = render(
    <Router hook={location.hook}>
      <AppProviders queryClient={queryClient}>{ui}</AppProviders>
    </Router>,
    options,
  );
  return { ...result, user, queryClient, location };
}
