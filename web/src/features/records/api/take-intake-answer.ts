import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type IntakeTaken } from "./types";

export interface TakeInput {
  questionId: number;
  /** One chosen option of a several-choices answer; none for a free-text or one-choice answer. */
  value?: string;
}

/** POST /api/appointments/:id/intake/take: the doctor adds one answer to the allergies or
 * medications list its question maps to (409 `already_taken`). */
export function takeIntakeAnswer(appointmentId: number, input: TakeInput) {
  return api.post<IntakeTaken>(`/api/appointments/${String(appointmentId)}/intake/take`, input);
}

export function useTakeIntakeAnswer(appointmentId: number, patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TakeInput) => takeIntakeAnswer(appointmentId, input),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.intake.appointment(appointmentId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.chart(patientId) }),
      ]);
    },
  });
}
