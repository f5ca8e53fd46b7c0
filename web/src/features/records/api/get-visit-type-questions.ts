import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type IntakeQuestion } from "./types";

/** GET /api/visit-types/:id/questions: the intake questions of one of the doctor's types. */
export function getVisitTypeQuestions(visitTypeId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<IntakeQuestion[]>(`/api/visit-types/${String(visitTypeId)}/questions`, { signal });
}

export function visitTypeQuestionsQueryOptions(visitTypeId: number) {
  return queryOptions({
    queryKey: queryKeys.intake.questions(visitTypeId),
    queryFn: ({ signal }) => getVisitTypeQuestions(visitTypeId, { signal }),
  });
}

export function useVisitTypeQuestions(visitTypeId: number) {
  return useQuery(visitTypeQuestionsQueryOptions(visitTypeId));
}
