import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { afterManagedAction, managePath, type ManageState, type Slot } from "./manage-types";

/**
 * POST /api/manage/:token/reschedule: move to one of the offered free times of the same
 * doctor (409 `slot_taken` when someone was quicker). No session or CSRF token needed.
 */
export function rescheduleManagedAppointment(token: string, slot: Slot): Promise<ManageState> {
  return api.post<ManageState>(
    managePath(token, "reschedule"),
    { startTime: slot.startTime, endTime: slot.endTime },
    { handleUnauthorized: false },
  );
}

export function useRescheduleManagedAppointment(token: string) {
  const queryClient = useQueryClient();
  return useMutation<ManageState, Error, Slot>({
    mutationFn: (slot) => rescheduleManagedAppointment(token, slot),
    onSuccess: (state) => afterManagedAction(queryClient, token, state),
  });
}
