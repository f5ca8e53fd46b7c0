import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Appointment } from "@/features/appointments";

export type DeskChange = { status: "arrived" | "no_show" | "cancelled" } | { startTime: string; endTime: string };

/** PUT /api/frontdesk/appointments/:id: check in, no-show, cancel or move any appointment. */
export function changeAppointment({ id, change }: { id: number; change: DeskChange }): Promise<Appointment> {
  return api.put<Appointment>(`/api/frontdesk/appointments/${String(id)}`, change);
}

export function useDeskChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeAppointment,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.frontDesk.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all }),
      ]),
  });
}
