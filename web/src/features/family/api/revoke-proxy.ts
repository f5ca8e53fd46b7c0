import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type ProxyGrant } from "./types";

/** POST /api/family/proxies/:id/revoke: either side ends a grant at once. */
export function revokeProxy(grantId: number): Promise<ProxyGrant> {
  return api.post<ProxyGrant>(`/api/family/proxies/${String(grantId)}/revoke`);
}

export function useRevokeProxy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeProxy,
    // What the other side may see of my data changes: every list refetches.
    onSettled: () => queryClient.invalidateQueries(),
  });
}
