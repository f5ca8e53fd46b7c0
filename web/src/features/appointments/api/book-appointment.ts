import { useMutation, useQueryClient, type MutateOptions } from "@tanstack/react-query";
import { useRef } from "react";

import { api, isApiError } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type Appointment } from "./types";

export type BookingInput = ApiSchema<"AppointmentCreate">;

interface BookingAttempt {
  input: BookingInput;
  /** One per confirmation; a repeat of the same request carries the same key. */
  idempotencyKey: string;
}

/**
 * POST /api/appointments with an `Idempotency-Key`: the server answers a repeated key with its
 * first answer, so a retry or a double click never books twice nor reports the patient's own
 * booking as `slot_taken`. A 409 `slot_taken` carries `alternatives` in `error.body`.
 */
export function bookAppointment(input: BookingInput, idempotencyKey: string): Promise<Appointment> {
  return api.post<Appointment>("/api/appointments", input, { headers: { "Idempotency-Key": idempotencyKey } });
}

/** A network failure may have booked or not: only then is the same request sent again. */
function isUnanswered(error: unknown): boolean {
  return isApiError(error) && error.status === 0;
}

/**
 * Booking. `book(input)` sends nothing while a request is in flight (a double click), and keeps
 * the key of an unanswered attempt for the same input (a retry of the same confirmation); an
 * answered attempt (booked, or refused) ends it, so the next confirmation gets a new key.
 */
export function useBookAppointment() {
  const queryClient = useQueryClient();
  const attempt = useRef<{ json: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn: ({ input, idempotencyKey }: BookingAttempt) => bookAppointment(input, idempotencyKey),
    // Safe with the key: the server books once however many copies arrive.
    retry: (failures, error) => failures < 1 && isUnanswered(error),
    onSettled: (_data, error, { input }) => {
      inFlight.current = false;
      if (!isUnanswered(error)) attempt.current = null;
      // Also after a 409 `slot_taken`: someone else took the slot, the cached one is wrong.
      return invalidateAfterAppointmentChange(queryClient, input.doctorId);
    },
  });

  function book(input: BookingInput, options?: MutateOptions<Appointment, Error, BookingAttempt>) {
    if (inFlight.current) return;
    const json = JSON.stringify(input);
    if (attempt.current?.json !== json) attempt.current = { json, key: crypto.randomUUID() };
    inFlight.current = true;
    mutation.mutate({ input, idempotencyKey: attempt.current.key }, options);
  }

  return { ...mutation, book };
}
