import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";

import { api, lastAnswerTime } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** A user's interaction keeps the session alive with one request at most this often. */
export const KEEP_ALIVE_MS = 60_000;
/** How often the page checks whether the server's idle timeout has passed. */
export const IDLE_CHECK_MS = 15_000;
/** Ask the server a little after its timeout, so the answer is certain. */
const IDLE_MARGIN_MS = 5_000;
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

/**
 * The page's timing for a server idle timeout of `idleMs`: the defaults above, made finer for
 * short timeouts (a quarter of it), so the page never lags far behind the server.
 */
export function idleTiming(idleMs: number): { keepAliveMs: number; checkMs: number; marginMs: number } {
  const quarter = Math.max(250, Math.floor(idleMs / 4));
  return {
    keepAliveMs: Math.min(KEEP_ALIVE_MS, quarter * 2),
    checkMs: Math.min(IDLE_CHECK_MS, quarter),
    marginMs: Math.min(IDLE_MARGIN_MS, quarter),
  };
}

/** GET /api/csrf → `sessionIdleSeconds` (the server's SESSION_IDLE_SECONDS). */
function useSessionIdleSeconds(): number | undefined {
  const policy = useQuery({
    queryKey: queryKeys.accounts.sessionPolicy,
    queryFn: ({ signal }) => api.get<ApiSchema<"CsrfToken">>("/api/csrf", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return policy.data?.sessionIdleSeconds;
}

function touchSession(): void {
  // A 401 here goes through the app's unauthorized handler: back to log in, caches dropped.
  api.get("/api/user").catch(() => undefined);
}

/**
 * Ends the signed-in screens when the server's session has idled out. The user interacting
 * after a quiet spell sends one request (the session stays alive while someone reads);
 * when nobody has, `sessionIdleSeconds` after the last answer the page asks the server, which
 * answers 401, and the app returns to the login page with nothing of the user's left behind.
 */
export function useIdleSessionEnd(): void {
  const idleSeconds = useSessionIdleSeconds();

  useEffect(() => {
    if (idleSeconds === undefined) return;
    const idleMs = idleSeconds * 1000;
    const { keepAliveMs, checkMs, marginMs } = idleTiming(idleMs);
    let touchedAt = 0;
    /** Touch the session when `quietMs` have passed since its last answer or our last touch. */
    const touchAfter = (quietMs: number) => {
      const now = Date.now();
      if (now - Math.max(lastAnswerTime(), touchedAt) < quietMs) return;
      touchedAt = now;
      touchSession();
    };
    const onActivity = () => {
      touchAfter(keepAliveMs);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      touchAfter(idleMs + marginMs);
    }, checkMs);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
      window.clearInterval(timer);
    };
  }, [idleSeconds]);
}
