import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";
import { currentUserQueryOptions } from "./get-current-user";

/** Absent fields stay as they are; `email` needs `currentPassword`. */
export type UpdateUserInput = ApiSchema<"UpdateUserBody">;

/** PUT /api/user → the updated user. */
export function updateUser(input: UpdateUserInput): Promise<User> {
  return api.put<User>("/api/user", input);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: (user) => {
      queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
    },
  });
}
