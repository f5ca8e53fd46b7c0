import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { visitTypeChanged } from "./visit-type-changed";
import { type VisitType, type VisitTypeInput } from "./visit-types";

/** PUT /api/visit-types/:id: replace a type; `active: false` retires it, `true` brings it back. */
export function updateVisitType({ id, input }: { id: number; input: VisitTypeInput }): Promise<VisitType> {
  return api.put<VisitType>(`/api/visit-types/${String(id)}`, input);
}

export function useUpdateVisitType() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateVisitType, onSuccess: () => visitTypeChanged(queryClient) });
}
