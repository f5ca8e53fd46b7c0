import { useId, useState, type ReactNode } from "react";
import { Link } from "wouter";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatInstant, formatInstantRange } from "@/lib/format";

import { statusLabel as visitStatusLabel } from "@/features/appointments";
import { type ChartListName, type TimelineItem } from "../../api/types";
import { ChartEntryHistory } from "../chart/chart-entry-history";
import { LISTS, statusLabel, VITAL_MEASURES } from "../chart/chart-fields";
import { RecordHistory } from "../record-history";

const LIST_OF = { allergy: "allergies", problem: "problems", medication: "medications" } as const;
const RECORD_LABELS: Record<string, string> = { diagnosis: "diagnosis", prescription: "prescription", notes: "notes" };

/** A toggle that shows an entry's versions below it (the list's name says whose). */
function Versions({ name, children }: { name: string; children: () => ReactNode }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <div className="grid gap-2">
      <div>
        <Button
          variant="ghost"
          size="sm"
          aria-expanded={shown}
          aria-controls={id}
          onClick={() => {
            setShown((s) => !s);
          }}
        >
          {shown ? "Hide versions" : "Show versions"}{" "}
          <span className="sr-only">of {name}</span>
        </Button>
      </div>
      <div id={id}>{shown && children()}</div>
    </div>
  );
}

function vitalsText(item: NonNullable<TimelineItem["vital"]>): string {
  const parts: string[] = [];
  if (item.systolic !== null && item.diastolic !== null) parts.push(`Blood pressure: ${String(item.systolic)}/${String(item.diastolic)} mmHg`);
  for (const m of VITAL_MEASURES) {
    if (m.name === "systolic" || m.name === "diastolic") continue;
    const value = item[m.name];
    if (value !== null) parts.push(`${m.label}: ${String(value)} ${m.unit}`);
  }
  if (item.bmi !== null) parts.push(`BMI: ${String(item.bmi)}`);
  return parts.join(" · ");
}

/** What one timeline event says: a title line and its details (text only, never markup).
 * `appointmentLinks`: the viewer may open the appointments (the patient, the doctor; not
 * someone acting for the patient). */
function describe(item: TimelineItem, patientId: number, timeZone: string, appointmentLinks: boolean): { title: string; body: ReactNode } {
  if (item.visit) {
    const v = item.visit;
    return {
      title: `Visit with ${v.doctor.fullName}`,
      body: (
        <p>
          {formatInstantRange(v.startTime, v.endTime, timeZone)} · {visitStatusLabel(v.status)}
        </p>
      ),
    };
  }
  if (item.record) {
    const r = item.record;
    return {
      title: `Record: ${r.diagnosis}`,
      body: (
        <>
          <p>Written by {r.doctor.fullName}{r.doctor.specialization !== null && ` (${r.doctor.specialization})`}{r.version > 1 ? ` · amended, version ${String(r.version)}` : ""}</p>
          {r.prescription !== null && <p className="whitespace-pre-wrap">Prescription: {r.prescription}</p>}
          {r.notes !== null && <p className="whitespace-pre-wrap">Notes: {r.notes}</p>}
          <Versions name={`record ${r.diagnosis}`}>{() => <RecordHistory recordId={r.id} timeZone={timeZone} />}</Versions>
        </>
      ),
    };
  }
  if (item.amendment) {
    const a = item.amendment;
    const changed = (item.changed ?? []).map((f) => RECORD_LABELS[f] ?? f).join(", ");
    return {
      title: `Record amended: ${a.diagnosis}`,
      body: (
        <>
          <p>
            Version {a.version} by {a.amendedBy?.fullName ?? "—"}
            {changed !== "" && ` · changed ${changed}`}
          </p>
          {a.reason !== null && <p>Reason: {a.reason}</p>}
          <Versions name={`record ${a.diagnosis} (version ${String(a.version)})`}>
            {() => <RecordHistory recordId={a.recordId} timeZone={timeZone} />}
          </Versions>
        </>
      ),
    };
  }
  if (item.vital) {
    return { title: "Vital signs", body: <p>{vitalsText(item.vital)}</p> };
  }
  if (item.document) {
    const d = item.document;
    return {
      title: `Document: ${d.title}`,
      body: (
        <p>
          {d.fileName} · uploaded by {d.uploadedBy.fullName}
          {d.status === "entered_in_error" && " · entered in error"}
        </p>
      ),
    };
  }
  if (item.intake) {
    const q = item.intake;
    const visit = `the visit with ${q.doctor.fullName} on ${formatInstant(q.visitStart, timeZone)}`;
    return {
      title: "Intake questionnaire answered",
      body: (
        <>
          <p>
            For {visit} · {q.answered === 1 ? "1 answer" : `${String(q.answered)} answers`} by {q.writtenBy.fullName}
            {q.version > 1 && ` · changed, version ${String(q.version)}`}
          </p>
          {appointmentLinks && (
            <p>
              <Link href={`/appointments/${String(q.appointmentId)}`} className="text-primary underline underline-offset-4">
                See the answers on the appointment<span className="sr-only"> ({visit})</span>
              </Link>
            </p>
          )}
        </>
      ),
    };
  }
  const kind = item.kind as keyof typeof LIST_OF;
  const list: ChartListName = LIST_OF[kind];
  const entry = item.allergy ?? item.problem ?? item.medication;
  if (!entry) return { title: item.kind, body: null };
  const spec = LISTS[list];
  const headline = spec.headline(entry);
  const fields = [...spec.fields, { name: "status", label: "Status" }];
  const changed = (item.changed ?? []).map((f) => fields.find((x) => x.name === f)?.label.toLowerCase() ?? f).join(", ");
  return {
    title: `${spec.one.charAt(0).toUpperCase()}${spec.one.slice(1)} ${entry.version > 1 ? "amended" : "added"}: ${headline}`,
    body: (
      <>
        <p>
          {statusLabel(list, entry.status)} · by {entry.updatedBy.fullName}
          {changed !== "" && ` · changed ${changed}`}
        </p>
        {entry.reason !== null && <p>Reason: {entry.reason}</p>}
        <Versions name={`${spec.one} ${headline}`}>
          {() => (
            <ChartEntryHistory
              patientId={patientId}
              list={list}
              itemId={entry.id}
              label={`All versions of ${spec.one} ${headline}`}
              timeZone={timeZone}
            />
          )}
        </Versions>
      </>
    ),
  };
}

const KIND_LABELS: Record<TimelineItem["kind"], string> = {
  visit: "Visit",
  record: "Record",
  record_amended: "Amendment",
  vital: "Vitals",
  document: "Document",
  allergy: "Allergy",
  problem: "Problem",
  medication: "Medication",
  intake: "Intake",
};

/** One event of the timeline: its kind, when, what. */
export function TimelineEntry({
  item,
  patientId,
  timeZone,
  appointmentLinks = false,
}: {
  item: TimelineItem;
  patientId: number;
  timeZone: string;
  appointmentLinks?: boolean;
}) {
  const { title, body } = describe(item, patientId, timeZone, appointmentLinks);
  return (
    <article className="grid gap-1 rounded-md border p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant="secondary">{KIND_LABELS[item.kind]}</Badge>
        <time dateTime={item.at} className="text-muted-foreground">
          {formatInstant(item.at, timeZone)}
        </time>
      </div>
      <h3 className="font-medium">{title}</h3>
      <div className="grid gap-1 text-muted-foreground">{body}</div>
    </article>
  );
}
