import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { closuresChanged } from "./closures-changed";
import { type Closure } from "./list-closures";

export type AddClosureInput = ApiSchema<"ClosureBody">;

/** POST /api/admin/closures → 201 (409 `closure_exists`, 422 `closure_limit_reached`). */
export function addClosure(input: AddClosureInput): Promise<Closure> {
  return api.post<Closure>("/api/admin/closures", input);
}

export function useAddClosure() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addClosure, onSuccess: () => closuresChanged(queryClient) });
}
