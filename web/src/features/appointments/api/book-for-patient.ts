import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type DoctorBookingInput } from "./series-types";
import { type Appointment } from "./types";

/** POST /api/doctor/appointments: the doctor books a visit with themselves for a patient in their care. */
export function bookForPatient(input: DoctorBookingInput): Promise<Appointment> {
  return api.post<Appointment>("/api/doctor/appointments", input);
}

export function useBookForPatient(doctorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookForPatient,
    onSettled: () => invalidateAfterAppointmentChange(queryClient, doctorId),
  });
}
