import { type QueryClient } from "@tanstack/react-query";
import { act, fireEvent, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { IDLE_CHECK_MS, KEEP_ALIVE_MS, idleTiming, useIdleSessionEnd } from "./use-idle-session-end";

function SignedInPage() {
  useIdleSessionEnd();
  return <p>Medical records</p>;
}

function serverWithIdleSeconds(seconds: number, { expired }: { expired: boolean }) {
  return mockFetch((url) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t", sessionIdleSeconds: seconds });
    if (url === "/api/user") {
      return expired
        ? problemResponse(401, { code: "unauthenticated", title: "Unauthorized" })
        : jsonResponse({ id: 7, role: "patient" });
    }
    throw new Error(`unexpected ${url}`);
  });
}

/** The hook has its idle timeout and has set its listeners and timer up. */
async function policyLoaded(queryClient: QueryClient) {
  await waitFor(() => {
    expect(queryClient.getQueryData(["accounts", "session-policy"])).toBeDefined();
  });
  await act(async () => {
    await Promise.resolve();
  });
}

const userCalls = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.mock.calls.filter(([url]) => url === "/api/user").length;

describe("useIdleSessionEnd", () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns to the login page, dropping every cached answer, once the server's idle timeout passed", async () => {
    const fetch = serverWithIdleSeconds(15 * 60, { expired: true });
    const { location, queryClient } = renderWithProviders(<SignedInPage />, { path: "/records" });
    queryClient.setQueryData(["records", 7], [{ diagnosis: "CANARY" }]);
    await policyLoaded(queryClient);

    act(() => {
      vi.advanceTimersByTime(14 * 60_000);
    });
    expect(userCalls(fetch)).toBe(0); // still inside the server's 15 minutes

    act(() => {
      vi.advanceTimersByTime(60_000 + 5_000 + IDLE_CHECK_MS);
    });
    await waitFor(() => {
      expect(location.history.at(-1)).toBe("/login?expired=1");
    });
    expect(userCalls(fetch)).toBe(1);
    expect(queryClient.getQueryData(["records", 7])).toBeUndefined();
  });

  it("keeps the session alive while the user interacts, at most one request a minute", async () => {
    const fetch = serverWithIdleSeconds(15 * 60, { expired: false });
    const { queryClient } = renderWithProviders(<SignedInPage />, { path: "/records" });
    await policyLoaded(queryClient);

    fireEvent.keyDown(window, { key: "ArrowDown" });
    expect(userCalls(fetch)).toBe(0); // the page was just answered

    act(() => {
      vi.advanceTimersByTime(KEEP_ALIVE_MS);
    });
    fireEvent.pointerDown(window);
    fireEvent.keyDown(window, { key: "ArrowDown" });
    await waitFor(() => {
      expect(userCalls(fetch)).toBe(1);
    });
  });

  it("checks more often for a short server timeout, so the page ends soon after the server", async () => {
    const fetch = serverWithIdleSeconds(8, { expired: true });
    const { location, queryClient } = renderWithProviders(<SignedInPage />, { path: "/records" });
    await policyLoaded(queryClient);
    const { checkMs, marginMs } = idleTiming(8_000);
    expect(checkMs).toBe(2_000);

    act(() => {
      vi.advanceTimersByTime(6_000);
    });
    expect(userCalls(fetch)).toBe(0);
    act(() => {
      vi.advanceTimersByTime(2_000 + marginMs + checkMs);
    });
    await waitFor(() => {
      expect(location.history.at(-1)).toBe("/login?expired=1");
    });
  });
});
