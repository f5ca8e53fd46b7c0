import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ProxyGrant, type ProxyGrantCreate } from "./types";

/** POST /api/family/proxies (patients): offer another account access (pending). */
export function grantProxy(body: ProxyGrantCreate): Promise<ProxyGrant> {
  return api.post<ProxyGrant>("/api/family/proxies", body);
}

export function useGrantProxy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: grantProxy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.family }),
  });
}
