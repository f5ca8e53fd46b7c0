import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** An entry of the clinic's list of specializations. */
export type Specialization = ApiSchema<"SpecializationOut">;

/**
 * GET /api/specializations: the entries doctors pick from and patients filter by (retired ones
 * left out), by name. Public: the registration page reads it before anyone is logged in.
 */
export function listSpecializations({ signal }: { signal?: AbortSignal } = {}): Promise<Specialization[]> {
  return api.get<Specialization[]>("/api/specializations", { signal, handleUnauthorized: false });
}

export function specializationsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.specializations.active,
    queryFn: ({ signal }) => listSpecializations({ signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSpecializations() {
  return useQuery(specializationsQueryOptions());
}
