import { Copy, Pencil, Plus } from "lucide-react";
import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

import { type ScheduleEntry } from "../api/types";
import { WEEK_DAYS } from "../lib/dates";
import { copyTargets } from "../lib/weekly";
import { DeleteEntryButton } from "./delete-entry-button";
import { WindowDialog } from "./window-dialog";

/** What the window dialog is open for: editing one entry, or adding (maybe a copied window). */
type Editing = { key: string; days: number[]; entry?: ScheduleEntry; template?: ScheduleEntry; title?: string } | null;

/** The weekly opening hours, Monday first, with add (on several days) / edit / copy / delete. */
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
                            aria-label={`Copy ${what} to weekdays`}
                            title="Copy to weekdays"
                            onClick={() => {
                              setEditing({
                                key: `copy-${String(entry.id)}`,
                                days: copyTargets(weekly, entry),
                                template: entry,
                                title: `Copy ${entry.startTime}–${entry.endTime} to other days`,
                              });
                            }}
                          >
                            <Copy aria-hidden="true" />
                          </Button>
                          <Button
                            variant="ghost"
                            size="icon"
                            className="size-8"
                            aria-label={`Edit ${what}`}
                            onClick={() => {
                              setEditing({ key: `edit-${String(entry.id)}`, entry, days: [dayOfWeek] });
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
                  setEditing({ key: `add-${String(dayOfWeek)}`, days: [dayOfWeek] });
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
          key={editing.key}
          entry={editing.entry}
          initialDays={editing.days}
          template={editing.template}
          title={editing.title}
          timeZone={timeZone}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}
