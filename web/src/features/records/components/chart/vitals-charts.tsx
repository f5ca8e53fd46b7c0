import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { formatWallClock } from "@/lib/format";

import { type ChartEntry, type Vital } from "../../api/types";

type Series = { key: "systolic" | "diastolic" | "heartRate" | "weight"; name: string; colour: string };

const CHARTS: readonly { title: string; unit: string; series: readonly Series[] }[] = [
  { title: "Weight", unit: "kg", series: [{ key: "weight", name: "Weight", colour: "var(--color-primary)" }] },
  {
    title: "Blood pressure",
    unit: "mmHg",
    series: [
      { key: "systolic", name: "Systolic", colour: "var(--color-destructive)" },
      { key: "diastolic", name: "Diastolic", colour: "var(--color-primary)" },
    ],
  },
  { title: "Heart rate", unit: "/min", series: [{ key: "heartRate", name: "Heart rate", colour: "var(--color-primary)" }] },
];

function isVital(entry: ChartEntry): entry is Vital {
  return "takenAt" in entry;
}

/**
 * Weight, blood pressure and heart rate over time (oldest left), one figure each. The charts
 * take the keyboard (Tab to a chart, arrow keys move between readings and read them out); the
 * table of readings under them holds every value for screen readers and is the alternative.
 */
export function VitalsCharts({ entries, timeZone }: { entries: ChartEntry[]; timeZone: string }) {
  const baseId = useId();
  const readings = entries
    .filter(isVital)
    .filter((v) => v.status !== "entered_in_error")
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt))
    .map((v) => ({ ...v, when: formatWallClock(v.takenAt, timeZone, "d MMM yyyy") }));

  return (
    <div className="grid gap-4 md:grid-cols-3">
      {CHARTS.map((chart, index) => {
        const points = readings.filter((r) => chart.series.some((s) => r[s.key] !== null));
        const captionId = `${baseId}-${String(index)}`;
        return (
          <figure key={chart.title} aria-labelledby={captionId} className="grid gap-2 rounded-md border p-3">
            <figcaption id={captionId} className="text-sm font-medium">
              {chart.title} ({chart.unit}) over time
            </figcaption>
            {points.length === 0 ? (
              <p className="text-sm text-muted-foreground">No {chart.title.toLowerCase()} readings yet.</p>
            ) : (
              <ResponsiveContainer width="100%" height={200}>
                <LineChart
                  data={points}
                  title={`${chart.title} over time`}
                  desc={`${String(points.length)} readings; every value is also in the table of vital signs below.`}
                  margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="when" tick={{ fontSize: 11 }} />
                  <YAxis domain={["auto", "auto"]} tick={{ fontSize: 11 }} width={40} unit="" />
                  <Tooltip formatter={(value) => `${String(value)} ${chart.unit}`} />
                  {chart.series.length > 1 && <Legend />}
                  {chart.series.map((s) => (
                    <Line
                      key={s.key}
                      type="monotone"
                      dataKey={s.key}
                      name={s.name}
                      stroke={s.colour}
                      strokeWidth={2}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            )}
          </figure>
        );
      })}
    </div>
  );
}
