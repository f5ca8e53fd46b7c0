import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { type ManagedSpecialization } from "./list-all-specializations";

export type CreateSpecializationInput = ApiSchema<"SpecializationBody">;

/** POST /api/admin/specializations → 201 the new entry (409 `specialization_taken`, 422). */
export function createSpecialization(input: CreateSpecializationInput): Promise<ManagedSpecialization> {
  return api.post<ManagedSpecialization>("/api/admin/specializations", input);
}

export function useCreateSpecialization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSpecialization,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.specializations.all }),
  });
}
