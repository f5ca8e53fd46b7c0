import { queryOptions } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type LiveTicket = ApiSchema<"TicketOut">;

/** GET /api/live/ticket: a short-lived signed ticket and the stream URL that takes it. Sent as a
 * background request: reconnecting a stream is not user activity (the idle timeout still ends
 * an unused session). */
export function getLiveTicket({ signal }: { signal?: AbortSignal } = {}) {
  return api.get<LiveTicket>("/api/live/ticket", { signal, background: true });
}

/** Never cached: each connection asks for a fresh ticket. */
export function liveTicketQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.live.ticket,
    queryFn: ({ signal }) => getLiveTicket({ signal }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
