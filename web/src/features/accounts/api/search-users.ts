import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type AdminUser = ApiSchema<"AdminUserOut">;

export interface UserSearch {
  q: string;
  role?: ApiSchema<"Role"> | undefined;
}

/** GET /api/admin/users?q=…: every account whose name, username or email holds `q`. */
export function searchUsers(search: UserSearch, { signal }: { signal?: AbortSignal } = {}): Promise<AdminUser[]> {
  const params: Record<string, string> = { q: search.q, limit: "100" };
  if (search.role !== undefined) params.role = search.role;
  return api.get<AdminUser[]>("/api/admin/users", { signal, params });
}

export function userSearchQueryOptions(search: UserSearch) {
  return queryOptions({
    queryKey: queryKeys.accounts.adminUserSearch(search),
    queryFn: ({ signal }) => searchUsers(search, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUserSearch(search: UserSearch) {
  return useQuery(userSearchQueryOptions(search));
}
