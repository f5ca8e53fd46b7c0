import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type Appointment } from "./types";

export type BookingInput = ApiSchema<"AppointmentCreate">;

/** POST /api/appointments. A 409 `slot_taken` carries `alternatives` in `error.body`. */
export function bookAppointment(input: BookingInput): Promise<Appointment> {
  return api.post<Appointment>("/api/appointments", input);
}

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookAppointment,
    // Also after a 409 `slot_taken`: someone else took the slot, the cached one is wrong.
    onSettled: (_data, _error, input) => invalidateAfterAppointmentChange(queryClient, input.doctorId),
  });
}
