import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Intake, type IntakeAnswersBody } from "./types";

/** PUT /api/manage/:token/intake: the patient saves their answers through the manage link. */
export function answerLinkIntake(token: string, body: IntakeAnswersBody) {
  return api.put<Intake>(`/api/manage/${encodeURIComponent(token)}/intake`, body);
}

export function useAnswerLinkIntake(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntakeAnswersBody) => answerLinkIntake(token, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.intake.link(token), saved);
    },
  });
}
