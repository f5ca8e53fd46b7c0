import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { closuresChanged } from "./closures-changed";

/** DELETE /api/admin/closures/:id → 204: the clinic is open on that date again. */
export function deleteClosure(id: number): Promise<undefined> {
  return api.delete(`/api/admin/closures/${String(id)}`);
}

export function useDeleteClosure() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteClosure, onSuccess: () => closuresChanged(queryClient) });
}
