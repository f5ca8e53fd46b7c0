import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";

export type StaffInput = ApiSchema<"StaffCreateBody">;

/** POST /api/admin/staff: a receptionist or manager, invited by email to set a password. */
export function createStaff(input: StaffInput): Promise<User> {
  return api.post<User>("/api/admin/staff", input);
}

export function useCreateStaff() {
  return useMutation({ mutationFn: createStaff });
}
