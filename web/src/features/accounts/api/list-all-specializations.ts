import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** An entry of the list as an admin sees it: retired ones too, with how many doctors have it. */
export type ManagedSpecialization = ApiSchema<"SpecializationAdminOut">;

/** GET /api/admin/specializations: every entry, by name (admins only). */
export function listAllSpecializations({ signal }: { signal?: AbortSignal } = {}): Promise<ManagedSpecialization[]> {
  return api.get<ManagedSpecialization[]>("/api/admin/specializations", { signal });
}

export function allSpecializationsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.specializations.admin,
    queryFn: ({ signal }) => listAllSpecializations({ signal }),
  });
}

export function useAllSpecializations() {
  return useQuery(allSpecializationsQueryOptions());
}
