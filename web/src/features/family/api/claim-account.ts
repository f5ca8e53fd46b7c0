import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

export type ClaimBody = ApiSchema<"DependentClaimBody">;

/** POST /api/family/claim (no session): a dependent sets their own username and password. */
export function claimAccount(body: ClaimBody): Promise<undefined> {
  return api.post("/api/family/claim", body);
}

export function useClaimAccount() {
  return useMutation({ mutationFn: claimAccount });
}
