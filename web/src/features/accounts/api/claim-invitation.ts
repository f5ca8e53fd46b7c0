import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";
import { startSession } from "./login";

export type ClaimInput = ApiSchema<"ClaimBody">;

/** POST /api/invitations/claim → the user, logged in (400 `invalid_invitation`: unknown, used or expired). */
export function claimInvitation(input: ClaimInput): Promise<User> {
  return api.post<User>("/api/invitations/claim", input, { handleUnauthorized: false });
}

export function useClaimInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimInvitation,
    onSuccess: (user) => {
      startSession(queryClient, user);
    },
  });
}
