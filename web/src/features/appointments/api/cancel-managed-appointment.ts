import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { afterManagedAction, managePath, type ManageState } from "./manage-types";

export interface CancelManagedInput {
  /** Why the patient cancels, in their words (required; kept by the clinic, never emailed). */
  reason: string;
}

/** POST /api/manage/:token/cancel: cancel as the patient. No session or CSRF token needed. */
export function cancelManagedAppointment(token: string, body: CancelManagedInput): Promise<ManageState> {
  return api.post<ManageState>(managePath(token, "cancel"), body, { handleUnauthorized: false });
}

export function useCancelManagedAppointment(token: string) {
  const queryClient = useQueryClient();
  return useMutation<ManageState, Error, CancelManagedInput>({
    mutationFn: (body) => cancelManagedAppointment(token, body),
    onSuccess: (state) => afterManagedAction(queryClient, token, state),
  });
}
