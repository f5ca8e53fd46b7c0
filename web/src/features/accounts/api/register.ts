import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";
import { startSession } from "./login";

export type RegisterInput = ApiSchema<"RegisterBody">;

/** POST /api/register → 201 user, logged in at once (409 username/email taken, 422). */
export function register(input: RegisterInput): Promise<User> {
  return api.post<User>("/api/register", input, { handleUnauthorized: false });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      startSession(queryClient, user);
    },
  });
}
