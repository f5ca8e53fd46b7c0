import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type Series, type SeriesInput } from "./series-types";

/** POST /api/series: all occurrences or none; a 409 `series_conflict` lists each refused date. */
export function bookSeries(input: SeriesInput): Promise<Series> {
  return api.post<Series>("/api/series", input);
}

export function useBookSeries(doctorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookSeries,
    onSettled: () => invalidateAfterAppointmentChange(queryClient, doctorId),
  });
}
