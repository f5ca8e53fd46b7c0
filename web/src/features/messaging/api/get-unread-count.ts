import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** How often the navigation asks for the unread count while the tab is visible. */
export const UNREAD_POLL_MS = 60_000;

/** GET /api/messages/unread, sent as a background request: polling is not activity, so an
 * open tab nobody uses still reaches the session's idle timeout. */
export function getUnreadCount({ signal }: { signal?: AbortSignal } = {}) {
  return api.get<ApiSchema<"UnreadOut">>("/api/messages/unread", { signal, background: true });
}

export function unreadCountQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.messages.unread,
    queryFn: ({ signal }) => getUnreadCount({ signal }),
    // Polled while the tab is visible; TanStack pauses it while hidden (and refetches on focus).
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/** The unread count for the navigation badge (0 while unknown or for who has no messages). */
export function useUnreadCount({ enabled = true }: { enabled?: boolean } = {}): number {
  const query = useQuery({ ...unreadCountQueryOptions(), enabled });
  return enabled ? (query.data?.count ?? 0) : 0;
}
