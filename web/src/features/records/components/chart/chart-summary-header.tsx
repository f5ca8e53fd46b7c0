import { TriangleAlert } from "lucide-react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { formatInstant } from "@/lib/format";

import { useChartSummary } from "../../api/get-chart-summary";
import { type ChartSummary } from "../../api/types";
import { VITAL_MEASURES } from "./chart-fields";

function latestVitals(summary: ChartSummary, timeZone: string): string[] {
  const by = new Map(summary.latestVitals.map((v) => [v.measure, v]));
  const lines: string[] = [];
  const systolic = by.get("systolic");
  const diastolic = by.get("diastolic");
  if (systolic && diastolic) {
    lines.push(`Blood pressure ${String(systolic.value)}/${String(diastolic.value)} mmHg (${formatInstant(systolic.takenAt, timeZone)})`);
  }
  for (const measure of VITAL_MEASURES) {
    const vital = by.get(measure.name);
    if (vital && measure.name !== "systolic" && measure.name !== "diastolic") {
      lines.push(`${measure.label} ${String(vital.value)} ${vital.unit} (${formatInstant(vital.takenAt, timeZone)})`);
    }
  }
  const bmi = by.get("bmi");
  if (bmi) lines.push(`BMI ${String(bmi.value)}`);
  return lines;
}

function SummaryCard({ title, lines }: { title: string; lines: { key: string | number; text: string }[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {lines.length === 0 ? (
          <p className="text-muted-foreground">None recorded.</p>
        ) : (
          <ul className="grid gap-1">
            {lines.map((line) => (
              <li key={line.key}>{line.text}</li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** The doctor's glance at a patient: active allergies first and prominent, then active
 * problems, active medications and the latest vitals. */
export function ChartSummaryHeader({ patientId, timeZone }: { patientId: number; timeZone: string }) {
  const summary = useChartSummary(patientId);
  if (summary.isPending) return <ListSkeleton label="Loading summary" rows={1} />;
  if (summary.isError) return <QueryError error={summary.error} />;
  const { allergies, problems, medications } = summary.data;
  const vitals = latestVitals(summary.data, timeZone);
  return (
    <section aria-label="Summary" className="grid gap-3">
      <div
        role="region"
        aria-label="Active allergies"
        className={
          allergies.length > 0
            ? "rounded-md border-2 border-destructive bg-destructive/10 p-3"
            : "rounded-md border p-3 text-muted-foreground"
        }
      >
        {allergies.length > 0 ? (
          <p className="flex flex-wrap items-center gap-2 font-semibold">
            <TriangleAlert className="size-5 text-destructive" aria-hidden="true" />
            Allergies:
            {allergies.map((a) => (
              <span key={a.id} className="rounded bg-background px-2 py-0.5">
                {a.substance}
                {a.severity !== null && ` (${a.severity})`}
                {a.reaction !== null && ` — ${a.reaction}`}
              </span>
            ))}
          </p>
        ) : (
          <p>No active allergies recorded.</p>
        )}
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <SummaryCard title="Active problems" lines={problems.map((p) => ({ key: p.id, text: p.condition }))} />
        <SummaryCard
          title="Active medications"
          lines={medications.map((m) => ({ key: m.id, text: [m.name, m.dose, m.frequency].filter(Boolean).join(" · ") }))}
        />
        <SummaryCard title="Latest vitals" lines={vitals.map((line) => ({ key: line, text: line }))} />
      </div>
    </section>
  );
}
