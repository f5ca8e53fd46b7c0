import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Family } from "./types";

/** GET /api/family (patients): dependents, grants given and received, who I may act for. */
export function getFamily({ signal }: { signal?: AbortSignal } = {}): Promise<Family> {
  return api.get<Family>("/api/family", { signal });
}

export function familyQueryOptions() {
  return queryOptions({ queryKey: queryKeys.family, queryFn: ({ signal }) => getFamily({ signal }) });
}

export function useFamily(enabled = true) {
  return useQuery({ ...familyQueryOptions(), enabled });
}
