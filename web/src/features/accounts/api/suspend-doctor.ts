import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";
import { pendingDoctorsQueryOptions } from "./list-pending-doctors";

export type SuspendDoctorInput = { id: number } & ApiSchema<"SuspendBody">;

/** POST /api/admin/doctors/:id/suspend → the doctor; their sessions and future appointments end. */
export function suspendDoctor({ id, reason }: SuspendDoctorInput): Promise<User> {
  return api.post<User>(`/api/admin/doctors/${id}/suspend`, { reason });
}

export function useSuspendDoctor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: suspendDoctor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pendingDoctorsQueryOptions().queryKey }),
  });
}
