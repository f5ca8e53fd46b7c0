import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Consent } from "./types";

/** GET /api/oauth2/consent?request=…: what the app asks the signed-in user for, in words. */
export function getConsent(request: string, { signal }: { signal?: AbortSignal } = {}): Promise<Consent> {
  return api.get<Consent>("/api/oauth2/consent", { signal, params: { request } });
}

export function consentQueryOptions(request: string) {
  return queryOptions({
    queryKey: queryKeys.oauth.consent(request),
    queryFn: ({ signal }) => getConsent(request, { signal }),
    retry: false,
  });
}

export function useConsent(request: string) {
  return useQuery(consentQueryOptions(request));
}
