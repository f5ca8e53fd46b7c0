import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ProxyGrant } from "./types";

/** POST /api/family/proxies/:id/accept: the proxy accepts a grant given to them. */
export function acceptProxy(grantId: number): Promise<ProxyGrant> {
  return api.post<ProxyGrant>(`/api/family/proxies/${String(grantId)}/accept`);
}

export function useAcceptProxy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptProxy,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.family }),
  });
}
