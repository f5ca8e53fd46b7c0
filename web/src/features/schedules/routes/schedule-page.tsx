import { type ReactNode } from "react";

import { ApiError } from "@/lib/api-client";
import { useCurrentUser } from "@/features/accounts";
import { useMySchedule } from "../api/get-my-schedule";
import { DatedEntries } from "../components/dated-entries";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { SlotLengthForm } from "../components/slot-length-form";
import { WeeklyHours } from "../components/weekly-hours";
import { todayIn } from "../lib/dates";
import { type VisitType } from "../api/visit-types";
import { VisitTypesSection } from "../components/visit-types-section";

/** Doctor: weekly opening hours, time off / extra hours, the slot length and the visit types.
 * `visitTypeExtra` (the app layer's) shows more about one type: its intake questions. */
export function SchedulePage({ visitTypeExtra }: { visitTypeExtra?: (type: VisitType) => ReactNode } = {}) {
  const user = useCurrentUser();
  const schedule = useMySchedule();
  const timeZone = user.data?.timezone ?? "UTC";

  return (
    <>
      <title>My schedule · Clinic360</title>
      <div className="mx-auto grid max-w-6xl gap-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">My schedule</h1>
          <p className="text-sm text-muted-foreground">All times are on your clock: {timeZone}.</p>
        </div>
        {user.data?.role !== undefined && user.data.role !== "doctor" ? (
          <QueryError error={new ApiError(403, {})} />
        ) : schedule.isPending || user.isPending ? (
          <ListSkeleton label="Loading schedule" />
        ) : schedule.isError ? (
          <QueryError error={schedule.error} />
        ) : (
          <>
            <WeeklyHours entries={schedule.data} timeZone={timeZone} />
            <DatedEntries entries={schedule.data} today={todayIn(timeZone)} timeZone={timeZone} />
            {user.data && <SlotLengthForm key={user.data.slotMinutes ?? 30} slotMinutes={user.data.slotMinutes ?? 30} />}
            <VisitTypesSection renderExtra={visitTypeExtra} />
          </>
        )}
      </div>
    </>
  );
}
