import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { visitTypeChanged } from "./visit-type-changed";
import { type VisitType, type VisitTypeInput } from "./visit-types";

/** POST /api/visit-types (doctor): a new type of their own. */
export function createVisitType(input: VisitTypeInput): Promise<VisitType> {
  return api.post<VisitType>("/api/visit-types", input);
}

export function useCreateVisitType() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createVisitType, onSuccess: () => visitTypeChanged(queryClient) });
}
