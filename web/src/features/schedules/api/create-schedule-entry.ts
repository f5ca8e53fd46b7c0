import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ScheduleEntry, type ScheduleEntryInput } from "./types";

/** POST /api/schedule (doctor): a weekly or dated window. Time off over booked appointments is 409
 * `time_off_hits_appointments` (`appointments` in `error.body`) unless `cancelAppointments` names them. */
export function createScheduleEntry(input: ScheduleEntryInput): Promise<ScheduleEntry> {
  return api.post<ScheduleEntry>("/api/schedule", input);
}

export function useCreateScheduleEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createScheduleEntry,
    onSuccess: (_entry, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.mySchedule }),
        // Time off confirmed over booked appointments cancelled them.
        "cancelAppointments" in input && input.cancelAppointments
          ? queryClient.invalidateQueries({ queryKey: queryKeys.appointments.all })
          : undefined,
      ]),
  });
}
