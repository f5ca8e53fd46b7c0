import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";

import { type User } from "../types";
import { currentUserQueryOptions } from "./get-current-user";

export interface LoginInput {
  username: string;
  password: string;
}

/** POST /api/login → the user (401 `invalid_credentials`, 429 with Retry-After). */
export function login(input: LoginInput): Promise<User> {
  return api.post<User>("/api/login", input, { handleUnauthorized: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // A new session: nothing cached for someone else may survive, and the token rotates.
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
    },
  });
}
