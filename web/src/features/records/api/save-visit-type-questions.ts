import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type IntakeQuestion, type IntakeQuestionInput } from "./types";

/** PUT /api/visit-types/:id/questions: replace the type's questionnaire (422 `invalid_question`). */
export function saveVisitTypeQuestions(visitTypeId: number, questions: IntakeQuestionInput[]) {
  return api.put<IntakeQuestion[]>(`/api/visit-types/${String(visitTypeId)}/questions`, { questions });
}

export function useSaveVisitTypeQuestions(visitTypeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (questions: IntakeQuestionInput[]) => saveVisitTypeQuestions(visitTypeId, questions),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.intake.questions(visitTypeId), saved);
    },
  });
}
