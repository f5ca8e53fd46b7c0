import { useMemo, useState } from "react";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { clinicTimeParts } from "@/lib/format";
import { cn } from "@/lib/utils";

import { type Slot, useDoctorSlots } from "@/features/schedules";
import { dayIn, dayLabel, plusDays } from "./time";

export interface SlotPickerProps {
  doctorId: number;
  /** The doctor's zone (the clinic's clock): days and times are shown on it, as on the doctor page. */
  doctorZone: string;
  /** The viewer's zone: each time also shows the viewer's clock when that is another zone. */
  viewerZone: string;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  /** Slots of this visit type (default: the doctor's default type). */
  visitType?: number;
  days?: number;
}

/** Day, then time: the doctor's free slots of the next `days` days. */
export function SlotPicker({ doctorId, doctorZone, viewerZone, selected, onSelect, visitType, days = 14 }: SlotPickerProps) {
  const range = useMemo(() => {
    const from = dayIn(new Date(), doctorZone);
    return { from, to: plusDays(from, days - 1), visitType };
  }, [doctorZone, days, visitType]);
  const slots = useDoctorSlots(doctorId, range);
  const byDay = useMemo(() => {
    const groups = new Map<string, Slot[]>();
    for (const slot of slots.data ?? []) {
      const day = dayIn(slot.startTime, doctorZone);
      groups.set(day, [...(groups.get(day) ?? []), slot]);
    }
    return groups;
  }, [slots.data, doctorZone]);
  const [chosenDay, setChosenDay] = useState<string | null>(
    selected ? dayIn(selected.startTime, doctorZone) : null,
  );
  const day = chosenDay !== null && byDay.has(chosenDay) ? chosenDay : ([...byDay.keys()][0] ?? null);

  if (slots.isPending) {
    return (
      <div role="status" aria-label="Loading free times" className="grid gap-2">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (slots.isError) {
    return <p role="alert">Free times could not be loaded. Try again in a moment.</p>;
  }
  if (byDay.size === 0) {
    return <p>No free times in the next {days} days.</p>;
  }
  return (
    <div className="grid gap-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Day</legend>
        <div className="flex flex-wrap gap-2">
          {[...byDay.keys()].map((key) => (
            <Button
              key={key}
              type="button"
              size="sm"
              variant={key === day ? "default" : "outline"}
              aria-pressed={key === day}
              onClick={() => {
                setChosenDay(key);
              }}
            >
              {dayLabel(key)}
            </Button>
          ))}
        </div>
      </fieldset>
      {day !== null && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium">
            Time on {dayLabel(day)} ({doctorZone}
            {doctorZone === viewerZone ? ")" : `, the doctor's time zone; yours in brackets: ${viewerZone})`}
          </legend>
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
            {(byDay.get(day) ?? []).map((slot) => {
              const active = selected?.startTime === slot.startTime;
              const { time, yours } = clinicTimeParts(slot.startTime, doctorZone, viewerZone);
              return (
                <Button
                  key={slot.startTime}
                  type="button"
                  size="sm"
                  variant={active ? "default" : "outline"}
                  aria-pressed={active}
                  className={cn("tabular-nums")}
                  onClick={() => {
                    onSelect(slot);
                  }}
                >
                  {time}
                  {yours !== null && <span className="text-xs opacity-80">({yours} yours)</span>}
                </Button>
              );
            })}
          </div>
        </fieldset>
      )}
    </div>
  );
}
