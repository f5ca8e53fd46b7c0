import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createQueryClient } from "@/lib/query-client";
import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";

import { appointment, SLOTS } from "../test/fixtures";
import { useBookAppointment } from "./book-appointment";

afterEach(() => {
  vi.unstubAllGlobals();
});

const [SLOT] = SLOTS;
const INPUT = { doctorId: 3, startTime: SLOT?.startTime ?? "", endTime: SLOT?.endTime ?? "" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function serve(answers: (() => Response | Promise<Response>)[]) {
  const keys: (string | null)[] = [];
  mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    keys.push(headerOf(init, "Idempotency-Key"));
    const answer = answers.shift() ?? (() => jsonResponse(appointment(), { status: 201 }));
    return answer();
  });
  return keys;
}

function renderBooking() {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return renderHook(() => useBookAppointment(), { wrapper }).result;
}

describe("useBookAppointment", () => {
  it("sends one request with an Idempotency-Key for a double click", async () => {
    const keys = serve([]);
    const result = renderBooking();

    act(() => {
      result.current.book(INPUT);
      result.current.book(INPUT);
    });
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(UUID);
  });

  it("retries an unanswered request with the same key, and a new confirmation gets a new key", async () => {
    const keys = serve([
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => problemResponse(409, { code: "slot_taken", alternatives: [] }),
    ]);
    const result = renderBooking();

    act(() => {
      result.current.book(INPUT);
    });
    await waitFor(() => {
      expect(result.current.isError).toBe(true);
    }, { timeout: 4000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    // The 409 answered that confirmation: pressing "Confirm" again is a new attempt.
    act(() => {
      result.current.book(INPUT);
    });
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(keys).toHaveLength(3);
    expect(keys[2]).toMatch(UUID);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
