import { useId } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { type DayRow, type DoctorRow } from "../api/types";

/** Doctors drawn in the utilization chart (the busiest first); the table lists all of them. */
export const CHART_DOCTORS = 20;

/**
 * Bookings, cancellations and no-shows per day. The chart takes the keyboard (arrow keys read
 * each day out); the "Per day" table below holds every value and is the alternative.
 */
export function DaysChart({ days }: { days: DayRow[] }) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="grid gap-2 rounded-md border p-3">
      <figcaption id={captionId} className="text-sm font-medium">
        Bookings per day
      </figcaption>
      {days.length === 0 ? (
        <p className="text-sm text-muted-foreground">No appointments in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <LineChart
            data={days}
            title="Bookings, cancellations and no-shows per day"
            desc={`${String(days.length)} days; every value is also in the table "Per day" below.`}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="bookings" name="Bookings" stroke="var(--color-primary)" strokeWidth={2} isAnimationActive={false} />
            <Line type="monotone" dataKey="cancellations" name="Cancellations" stroke="var(--color-destructive)" strokeWidth={2} isAnimationActive={false} />
            <Line type="monotone" dataKey="noShows" name="No-shows" stroke="var(--color-muted-foreground)" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/** Open and booked hours of the busiest doctors (bars); the "Per doctor" table is the alternative. */
export function UtilizationChart({ doctors }: { doctors: DoctorRow[] }) {
  const captionId = useId();
  const shown = [...doctors].sort((a, b) => b.bookedHours - a.bookedHours).slice(0, CHART_DOCTORS);
  return (
    <figure aria-labelledby={captionId} className="grid gap-2 rounded-md border p-3">
      <figcaption id={captionId} className="text-sm font-medium">
        Open and booked hours per doctor
        {doctors.length > CHART_DOCTORS && ` (the ${String(CHART_DOCTORS)} busiest)`}
      </figcaption>
      {shown.length === 0 ? (
        <p className="text-sm text-muted-foreground">No doctor has hours in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart
            data={shown}
            title="Open and booked hours per doctor"
            desc={`${String(shown.length)} doctors; every value is also in the table "Per doctor" below.`}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="doctorName" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={48} unit=" h" />
            <Tooltip formatter={(value) => `${String(value)} h`} />
            <Legend />
            <Bar dataKey="openHours" name="Open hours" fill="var(--color-muted-foreground)" isAnimationActive={false} />
            <Bar dataKey="bookedHours" name="Booked hours" fill="var(--color-primary)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
