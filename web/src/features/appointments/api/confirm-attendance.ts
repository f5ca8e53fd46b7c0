import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { afterManagedAction, managePath, type ManageState } from "./manage-types";

/** POST /api/manage/:token/confirm: the patient confirms they will come (shown on the doctor's agenda). */
export function confirmAttendance(token: string): Promise<ManageState> {
  return api.post<ManageState>(managePath(token, "confirm"), undefined, { handleUnauthorized: false });
}

export function useConfirmAttendance(token: string) {
  const queryClient = useQueryClient();
  return useMutation<ManageState>({
    mutationFn: () => confirmAttendance(token),
    onSuccess: (state) => afterManagedAction(queryClient, token, state),
  });
}
