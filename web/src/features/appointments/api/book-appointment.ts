import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { appointmentsKey } from "./get-appointments";
import { doctorSlotsKey } from "./get-doctor-slots";
import { type Appointment } from "./types";

export interface BookingInput {
  doctorId: number;
  startTime: string;
  endTime: string;
  reason?: string;
}

/** POST /api/appointments. A 409 `slot_taken` carries `alternatives` in `error.body`. */
export function bookAppointment(input: BookingInput): Promise<Appointment> {
  return api.post<Appointment>("/api/appointments", input);
}

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookAppointment,
    onSettled: (_data, _error, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
        queryClient.invalidateQueries({ queryKey: doctorSlotsKey(input.doctorId) }),
      ]),
  });
}
