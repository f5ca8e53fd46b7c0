import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";

import { formatInstant, formatInstantRange, formatWallClock } from "@/lib/format";
import { cn } from "@/lib/utils";

import { type AccessGroup } from "../api/types";

/** "Bob Jones (doctor)", or "You" for the reader's own accesses; a guardian's or proxy's
 * "… on behalf of Kim Small" (family access); "… using the app Acme Health" when the accesses
 * went through a SMART app (`/fhir/R4`). */
function actorName(group: AccessGroup, selfId: number | undefined): string {
  const who = group.actor.id === selfId ? "You" : `${group.actor.fullName} (${group.actor.role})`;
  const acting = group.onBehalfOf ? `${who} on behalf of ${group.onBehalfOf}` : who;
  return group.app ? `${acting} using the app ${group.app}` : acting;
}

/** The group's span on the patient's clock; one time when it began and ended in one minute. */
function whenText(group: AccessGroup, timeZone: string): string {
  const minute = "yyyy-MM-dd HH:mm";
  return formatWallClock(group.firstAt, timeZone, minute) === formatWallClock(group.lastAt, timeZone, minute)
    ? formatInstant(group.firstAt, timeZone)
    : formatInstantRange(group.firstAt, group.lastAt, timeZone);
}

/**
 * One visit in the access log: "Bob Jones (doctor) viewed your medical records 4 times",
 * with its time span, as a disclosure button that shows each access and what it touched.
 */
export function AccessGroupItem({
  group,
  selfId,
  timeZone,
}: {
  group: AccessGroup;
  selfId: number | undefined;
  timeZone: string;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const when = whenText(group, timeZone);
  const hidden = group.count - group.events.length;

  return (
    <li className="border-b last:border-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((shown) => !shown);
        }}
        className="flex w-full items-start gap-2 rounded-md py-3 text-left outline-none hover:bg-muted/50 focus-visible:ring-[3px] focus-visible:ring-ring/60"
      >
        <ChevronRight
          aria-hidden="true"
          className={cn("mt-0.5 size-4 shrink-0 transition-transform", open && "rotate-90")}
        />
        <span className="grid min-w-0 gap-0.5">
          <span className="font-medium [overflow-wrap:anywhere]">
            {actorName(group, selfId)} {group.summary}
          </span>
          <span className="text-sm text-muted-foreground">
            <time dateTime={group.firstAt}>{when}</time>
            {group.count > 1 && ` · ${String(group.count)} accesses`}
          </span>
        </span>
      </button>
      <div id={panelId} hidden={!open} className="pb-3 pl-6">
        <ol aria-label={`Accesses, ${when}`} className="grid gap-1 text-sm">
          {group.events.map((event, index) => (
            <li key={`${event.at}-${String(index)}`} className="flex flex-wrap gap-x-3">
              <time dateTime={event.at} className="tabular-nums text-muted-foreground">
                {formatWallClock(event.at, timeZone, "d MMM, HH:mm:ss")}
              </time>
              <span className="[overflow-wrap:anywhere]">{event.description}</span>
            </li>
          ))}
        </ol>
        {hidden > 0 && (
          <p className="mt-1 text-sm text-muted-foreground">
            And {hidden} earlier {hidden === 1 ? "access" : "accesses"} of the same kinds.
          </p>
        )}
      </div>
    </li>
  );
}
