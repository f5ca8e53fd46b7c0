import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { type ManagedSpecialization } from "./list-all-specializations";

export type UpdateSpecializationInput = { id: number } & ApiSchema<"SpecializationUpdateBody">;

/**
 * PUT /api/admin/specializations/:id → the entry: renamed (`name`), retired (`active: false`) or
 * reinstated (`active: true`); 409 `specialization_taken` for a name the list has.
 */
export function updateSpecialization({ id, ...body }: UpdateSpecializationInput): Promise<ManagedSpecialization> {
  return api.put<ManagedSpecialization>(`/api/admin/specializations/${id}`, body);
}

export function useUpdateSpecialization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSpecialization,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.specializations.all }),
        // A new name shows on every doctor who has it.
        queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts.pendingDoctors }),
      ]),
  });
}
