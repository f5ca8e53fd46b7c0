import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type CurrentUser } from "./types";

/** GET /api/user: who is signed in (role and time zone decide what the pages show). */
export function getCurrentUser({ signal }: { signal?: AbortSignal } = {}): Promise<CurrentUser> {
  return api.get<CurrentUser>("/api/user", { signal });
}

export function currentUserQueryOptions() {
  return queryOptions({
    queryKey: ["user"],
    queryFn: ({ signal }) => getCurrentUser({ signal }),
    staleTime: 60_000,
  });
}

export function useCurrentUser() {
  return useQuery(currentUserQueryOptions());
}
