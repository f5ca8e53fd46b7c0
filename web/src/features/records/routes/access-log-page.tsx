import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ActingForSelect } from "@/features/family";

import { useAccessLogGroups } from "../api/get-access-log-groups";
import { useCurrentUser } from "@/features/accounts";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { AccessGroupItem } from "../components/access-group-item";

/** The patient id of a `?for=` link (the page opened for someone the caller acts for). */
export function forParam(search: string): number | null {
  const value = Number(new URLSearchParams(search).get("for"));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Patient: "Who accessed my records" — one line per visit (one person's accesses a few
 * minutes apart), newest first; each line opens to show every access and what it touched.
 * "Acting for" (or `?for=`) shows the log of a patient the caller acts for with `records`;
 * the server logs that read and refuses it (shown) when the family access does not cover it.
 */
export function AccessLogPage() {
  const user = useCurrentUser();
  const [chosen, setChosen] = useState<number | null>(() => forParam(window.location.search));
  const selfId = user.data?.id;
  const patientId = chosen === null || chosen === selfId ? undefined : chosen;
  const log = useAccessLogGroups(patientId);
  const timeZone = user.data?.timezone ?? "UTC";
  const groups = log.data?.pages.flatMap((page) => page.items) ?? [];
  const total = log.data?.pages.at(-1)?.total ?? 0;

  return (
    <>
      <title>Who accessed my records · Clinic360</title>
      <div className="mx-auto grid max-w-4xl gap-6">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Who accessed my records</h1>
          <p className="text-sm text-muted-foreground">
            Every time someone read or wrote your records, newest first. Accesses by one person a
            few minutes apart are one line: open it to see each one. Times in {timeZone}.
          </p>
        </div>
        {selfId !== undefined && (
          <ActingForSelect
            capability="records"
            value={patientId ?? selfId}
            onChange={(id) => {
              setChosen(id);
            }}
          />
        )}
        {log.isPending ? (
          <ListSkeleton label="Loading the access log" />
        ) : log.isError ? (
          <QueryError error={log.error} title="Could not load this access log" />
        ) : groups.length === 0 ? (
          <p className="text-muted-foreground">Nobody has accessed your records yet.</p>
        ) : (
          <div className="grid gap-3">
            <ul aria-label="Access to your records, newest first" className="grid">
              {groups.map((group) => (
                <AccessGroupItem
                  key={`${String(group.actor.id)}-${group.firstAt}`}
                  group={group}
                  selfId={user.data?.id}
                  timeZone={timeZone}
                />
              ))}
            </ul>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              Showing {groups.length} of {total} {total === 1 ? "visit" : "visits"}.
            </p>
            {log.hasNextPage && (
              <Button
                variant="outline"
                className="w-fit"
                disabled={log.isFetchingNextPage}
                onClick={() => {
                  void log.fetchNextPage();
                }}
              >
                {log.isFetchingNextPage ? "Loading…" : "Show older"}
              </Button>
            )}
          </div>
        )}
      </div>
    </>
  );
}
