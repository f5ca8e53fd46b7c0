import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Intake } from "./types";

/** GET /api/manage/:token/intake: the visit's intake through its manage link (no session). */
export function getLinkIntake(token: string, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<Intake>(`/api/manage/${encodeURIComponent(token)}/intake`, { signal });
}

export function linkIntakeQueryOptions(token: string) {
  return queryOptions({
    queryKey: queryKeys.intake.link(token),
    queryFn: ({ signal }) => getLinkIntake(token, { signal }),
    retry: false,
  });
}

export function useLinkIntake(token: string) {
  return useQuery(linkIntakeQueryOptions(token));
}
