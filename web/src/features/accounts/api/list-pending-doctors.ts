import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type User } from "../types";

/** GET /api/admin/doctors?approved=false: doctors waiting for approval, and suspended ones. */
export function listPendingDoctors({ signal }: { signal?: AbortSignal } = {}): Promise<User[]> {
  return api.get<User[]>("/api/admin/doctors", { signal, params: { approved: false } });
}

export function pendingDoctorsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accounts.pendingDoctors,
    queryFn: ({ signal }) => listPendingDoctors({ signal }),
  });
}

export function usePendingDoctors() {
  return useQuery(pendingDoctorsQueryOptions());
}
