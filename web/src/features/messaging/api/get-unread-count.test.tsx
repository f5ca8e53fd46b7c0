import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createQueryClient } from "@/lib/query-client";
import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";

import { UNREAD_POLL_MS, useUnreadCount } from "./get-unread-count";

describe("the navigation's unread count", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks again every UNREAD_POLL_MS, without a reload or a click", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let count = 0;
    let asked = 0;
    mockFetch((url) => {
      if (url !== "/api/messages/unread") return problemResponse(404, { code: "not_found" });
      asked += 1;
      return jsonResponse({ count });
    });
    const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useUnreadCount(), { wrapper });
    await waitFor(() => {
      expect(asked).toBe(1);
    });
    expect(result.current).toBe(0);

    count = 3; // a message arrives on the server
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS - 1_000));
    expect(asked).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await waitFor(() => {
      expect(result.current).toBe(3);
    });
    expect(asked).toBe(2);
  });
});
