import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Intake, type IntakeAnswersBody } from "./types";

/** PUT /api/appointments/:id/intake: the patient saves their answers (a new version). */
export function answerIntake(appointmentId: number, body: IntakeAnswersBody) {
  return api.put<Intake>(`/api/appointments/${String(appointmentId)}/intake`, body);
}

export function useAnswerIntake(appointmentId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntakeAnswersBody) => answerIntake(appointmentId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.intake.appointment(appointmentId), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.intake.versions(appointmentId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(saved.patientId) });
    },
  });
}
