import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Dependent, type DependentCreate } from "./types";

/** POST /api/family/dependents (patients): a dependent without a login of their own. */
export function addDependent(body: DependentCreate): Promise<Dependent> {
  return api.post<Dependent>("/api/family/dependents", body);
}

export function useAddDependent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addDependent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.family }),
  });
}
