import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, ApiError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type User } from "../types";

/**
 * GET /api/user: the signed-in user, or null when nobody is (401). A 401 here is an
 * answer, not an expired session, so it does not trigger the global 401 handler.
 */
export async function getCurrentUser({ signal }: { signal?: AbortSignal } = {}): Promise<User | null> {
  try {
    return await api.get<User>("/api/user", { signal, handleUnauthorized: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function currentUserQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accounts.currentUser,
    queryFn: ({ signal }) => getCurrentUser({ signal }),
    staleTime: 60_000,
  });
}

/** `data` is the user, null when logged out, undefined while the first answer is awaited. */
export function useCurrentUser() {
  return useQuery(currentUserQueryOptions());
}
