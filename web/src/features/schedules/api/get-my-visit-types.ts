import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type VisitType } from "./visit-types";

/** GET /api/visit-types: every type of the calling doctor, retired ones too. */
export function getMyVisitTypes({ signal }: { signal?: AbortSignal } = {}): Promise<VisitType[]> {
  return api.get<VisitType[]>("/api/visit-types", { signal });
}

export function myVisitTypesQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.visitTypes.managed(null),
    queryFn: ({ signal }) => getMyVisitTypes({ signal }),
  });
}

export function useMyVisitTypes() {
  return useQuery(myVisitTypesQueryOptions());
}
