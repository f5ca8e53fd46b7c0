import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Appointment } from "@/features/appointments";
import { type DeskBookingInput } from "./types";

/** POST /api/frontdesk/appointments: the desk books for a patient with any doctor. */
export function bookForPatient(input: DeskBookingInput): Promise<Appointment> {
  return api.post<Appointment>("/api/frontdesk/appointments", input);
}

export function useDeskBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookForPatient,
    onSettled: (_data, _error, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.frontDesk.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.doctors.slots(input.doctorId) }),
      ]),
  });
}
