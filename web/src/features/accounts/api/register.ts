import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";

import { type User } from "../types";
import { currentUserQueryOptions } from "./get-current-user";

export interface RegisterInput {
  username: string;
  password: string;
  email: string;
  fullName: string;
  role: "patient" | "doctor";
  timezone: string;
  specialization?: string;
  slotMinutes?: number;
}

/** POST /api/register → 201 user, logged in at once (409 username/email taken, 422). */
export function register(input: RegisterInput): Promise<User> {
  return api.post<User>("/api/register", input, { handleUnauthorized: false });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
    },
  });
}
