import { QueryClientProvider, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createQueryClient } from "@/lib/query-client";
import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";

import { doctorQueryOptions } from "@/features/schedules/api/get-doctor";
import { doctorSlotsQueryOptions } from "@/features/schedules/api/get-doctor-slots";
import { doctorsQueryOptions } from "@/features/schedules/api/get-doctors";
import { appointment, DOCTOR as doctor } from "../test/fixtures";
import { useBookAppointment } from "./book-appointment";
import { appointmentsQueryOptions } from "./get-appointments";
import { useUpdateAppointment } from "./update-appointment";

afterEach(() => {
  vi.unstubAllGlobals();
});

const booked = appointment({ doctorId: doctor.id });
const doctorPageSlots = doctorSlotsQueryOptions(doctor.id, { from: "2030-01-07", to: "2030-01-13" }).queryKey;

/** The queries a booked, moved or cancelled appointment makes stale, as the pages cache them. */
function staleAfterChange(): Record<string, QueryKey> {
  return {
    "the doctor page's slots": doctorPageSlots,
    "the doctor list (first free slot)": doctorsQueryOptions({ specializationId: null, q: "" }).queryKey,
    "the doctor (first free slot)": doctorQueryOptions(doctor.id).queryKey,
    "the appointment lists": appointmentsQueryOptions({ status: "scheduled,confirmed" }).queryKey,
  };
}

function seeded(): QueryClient {
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  for (const key of Object.values(staleAfterChange())) queryClient.setQueryData(key, []);
  queryClient.setQueryData(appointmentsQueryOptions({ status: "scheduled,confirmed" }).queryKey, {
    items: [booked],
    total: 1,
  });
  return queryClient;
}

function wrapperFor(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}

type Wrapper = ReturnType<typeof wrapperFor>;

const CHANGES: [string, (wrapper: Wrapper) => Promise<unknown>][] = [
  [
    "booking",
    (wrapper) => {
      const { result } = renderHook(() => useBookAppointment(), { wrapper });
      const input = { doctorId: doctor.id, startTime: booked.startTime, endTime: booked.endTime };
      return act(() => result.current.mutateAsync({ input, idempotencyKey: "k-1" }));
    },
  ],
  [
    "rescheduling",
    (wrapper) => {
      const { result } = renderHook(() => useUpdateAppointment(), { wrapper });
      const change = { startTime: "2030-01-08T09:00:00Z", endTime: "2030-01-08T09:20:00Z" };
      return act(() => result.current.mutateAsync({ appointment: booked, change }));
    },
  ],
  [
    "cancelling",
    (wrapper) => {
      const { result } = renderHook(() => useUpdateAppointment(), { wrapper });
      return act(() => result.current.mutateAsync({ appointment: booked, change: { status: "cancelled" } }));
    },
  ],
];

describe("an appointment change", () => {
  it.each(CHANGES)("%s makes the doctor's slots, first free slot and appointment lists stale", async (_name, change) => {
    mockFetch((url) => (url === "/api/csrf" ? jsonResponse({ csrfToken: "t" }) : jsonResponse(booked)));
    const queryClient = seeded();

    await change(wrapperFor(queryClient));

    for (const [what, key] of Object.entries(staleAfterChange())) {
      expect(queryClient.getQueryState(key)?.isInvalidated, what).toBe(true);
    }
  });

  it("refused with 409 `slot_taken` still makes the cached slots stale (someone else took it)", async () => {
    mockFetch((url) =>
      url === "/api/csrf" ? jsonResponse({ csrfToken: "t" }) : problemResponse(409, { code: "slot_taken" }),
    );
    const queryClient = seeded();
    const { result } = renderHook(() => useBookAppointment(), { wrapper: wrapperFor(queryClient) });

    await act(() =>
      expect(
        result.current.mutateAsync({
          input: { doctorId: doctor.id, startTime: booked.startTime, endTime: booked.endTime },
          idempotencyKey: "k-2",
        }),
      ).rejects.toMatchObject({ code: "slot_taken" }),
    );

    expect(queryClient.getQueryState(doctorPageSlots)?.isInvalidated).toBe(true);
  });
});
