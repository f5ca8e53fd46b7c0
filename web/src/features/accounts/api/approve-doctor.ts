import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type User } from "../types";
import { pendingDoctorsQueryOptions } from "./list-pending-doctors";

/** POST /api/admin/doctors/:id/approve → the doctor, approved (also reinstates a suspended one). */
export function approveDoctor(id: number): Promise<User> {
  return api.post<User>(`/api/admin/doctors/${id}/approve`);
}

export function useApproveDoctor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveDoctor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pendingDoctorsQueryOptions().queryKey }),
  });
}
