import { Pencil, Plus } from "lucide-react";
import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

import { type ScheduleEntry } from "../api/types";
import { WEEK_DAYS } from "../lib/dates";
import { DeleteEntryButton } from "./delete-entry-button";
import { WindowDialog } from "./window-dialog";

type Editing = { dayOfWeek: number; dayName: string; entry: ScheduleEntry | undefined } | null;

/** The weekly opening hours, Monday first, with add / edit / delete per window. */
export function WeeklyHours({ entries, timeZone }: { entries: ScheduleEntry[]; timeZone: string }) {
  const [editing, setEditing] = useState<Editing>(null);
  const weekly = entries.filter((entry) => entry.dayOfWeek !== null);

  return (
    <section aria-labelledby="weekly-hours-heading" className="grid gap-3">
      <div>
        <h2 id="weekly-hours-heading" className="text-lg font-semibold">
          Weekly opening hours
        </h2>
        <p className="text-sm text-muted-foreground">Repeats every week, on your clock ({timeZone}).</p>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-7">
        {WEEK_DAYS.map(({ dayOfWeek, name }) => {
          const windows = weekly
            .filter((entry) => entry.dayOfWeek === dayOfWeek)
            .sort((a, b) => a.startTime.localeCompare(b.startTime));
          return (
            <li key={dayOfWeek} aria-label={name} className="grid content-start gap-2 rounded-lg border bg-card p-3">
              <h3 className="text-sm font-semibold">{name}</h3>
              {windows.length === 0 ? (
                <p className="text-sm text-muted-foreground">Closed</p>
              ) : (
                <ul className="grid gap-1">
                  {windows.map((entry) => {
                    const what = `${name} ${entry.startTime}–${entry.endTime} (${entry.isAvailable ? "open" : "closed"})`;
                    return (
                      <li key={entry.id} className="flex flex-wrap items-center gap-1 text-sm">
                        <span className="font-medium tabular-nums">
                          {entry.startTime}–{entry.endTime}
                        </span>
                        <Badge variant={entry.isAvailable ? "success" : "destructive"}>
                          {entry.isAvailable ? "Open" : "Closed"}
                        </Badge>
                        <span className="ml-auto flex">
                          <Button
                            variant="ghost"
                            size="icon"
                            className="size-8"
                            aria-label={`Edit ${what}`}
                            onClick={() => {
                              setEditing({ dayOfWeek, dayName: name, entry });
                            }}
                          >
                            <Pencil aria-hidden="true" />
                          </Button>
                          <DeleteEntryButton entryId={entry.id} what={what} />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
              <Button
                variant="outline"
                size="sm"
                aria-label={`Add window on ${name}`}
                onClick={() => {
                  setEditing({ dayOfWeek, dayName: name, entry: undefined });
                }}
              >
                <Plus aria-hidden="true" />
                Add
              </Button>
            </li>
          );
        })}
      </ul>
      {editing !== null && (
        <WindowDialog
          key={`${String(editing.dayOfWeek)}-${String(editing.entry?.id ?? "new")}`}
          dayOfWeek={editing.dayOfWeek}
          dayName={editing.dayName}
          entry={editing.entry}
          timeZone={timeZone}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}
