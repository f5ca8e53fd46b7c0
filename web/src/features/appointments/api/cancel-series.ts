import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type SeriesCancelled } from "./series-types";

/** POST /api/series/:id/cancel: cancel every upcoming occurrence of the series. */
export function cancelSeries(id: number): Promise<SeriesCancelled> {
  return api.post<SeriesCancelled>(`/api/series/${String(id)}/cancel`);
}

export function useCancelSeries(doctorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelSeries,
    onSettled: () => invalidateAfterAppointmentChange(queryClient, doctorId),
  });
}
