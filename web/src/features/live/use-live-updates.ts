import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { queryKeys } from "@/lib/query-keys";

import { liveTicketQueryOptions } from "./api/get-live-ticket";

/** Wait before reconnecting after an error (doubling up to the maximum). */
export const LIVE_RETRY_MS = 2_000;
export const LIVE_RETRY_MAX_MS = 30_000;

interface AppointmentEvent {
  appointmentId: number;
  doctorId: number;
}

/** What a change announced on the stream makes stale. Events carry ids only: the screens refetch
 * through the API, which applies the access rules. */
export function liveEventArrived(queryClient: QueryClient, kind: string, data: unknown): Promise<void> {
  if (kind === "appointment") {
    const { appointmentId, doctorId } = data as AppointmentEvent;
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.appointments.lists }),
      queryClient.invalidateQueries({ queryKey: queryKeys.appointments.detail(appointmentId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.doctors.slots(doctorId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.doctors.lists }),
      queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.frontDesk.all }),
    ]).then(() => undefined);
  }
  if (kind === "message") {
    return queryClient.invalidateQueries({ queryKey: queryKeys.messages.all });
  }
  // "reset": events were missed for good; refetch everything they could have touched.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.appointments.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.messages.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.frontDesk.all }),
  ]).then(() => undefined);
}

const KINDS = ["appointment", "message", "reset"] as const;

/** Keep the signed-in user's screens current: a Server-Sent Events stream from the live-events
 * server (its URL comes with a ticket), reconnected after an error or when the server ends it,
 * naming the last event received so nothing in between is missed. */
export function useLiveUpdates({ enabled }: { enabled: boolean }): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let lastEventId = "";
    let retryMs = LIVE_RETRY_MS;
    let timer: number | undefined;
    let stopped = false;

    const reconnect = (delay: number) => {
      source?.close();
      source = null;
      if (stopped) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void connect(), delay);
    };

    const connect = async () => {
      let url: string;
      try {
        url = (await queryClient.query(liveTicketQueryOptions())).url;
      } catch {
        retryMs = Math.min(retryMs * 2, LIVE_RETRY_MAX_MS);
        reconnect(retryMs);
        return;
      }
      if (stopped) return;
      const resume = lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : "";
      source = new EventSource(url + resume);
      source.onopen = () => {
        retryMs = LIVE_RETRY_MS;
      };
      for (const kind of KINDS) {
        source.addEventListener(kind, (event: MessageEvent<string>) => {
          if (event.lastEventId) lastEventId = event.lastEventId;
          void liveEventArrived(queryClient, kind, JSON.parse(event.data));
        });
      }
      source.addEventListener("end", () => {
        reconnect(0);
      });
      source.onerror = () => {
        // The ticket in the URL has expired by the time EventSource retries: ask for a new one.
        retryMs = Math.min(retryMs * 2, LIVE_RETRY_MAX_MS);
        reconnect(retryMs);
      };
    };

    void connect();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [enabled, queryClient]);
}
