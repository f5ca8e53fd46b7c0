import { History, Pencil } from "lucide-react";
import { useId, useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatInstant } from "@/lib/format";

import { type MedicalRecord } from "../api/types";
import { AmendRecordDialog } from "./amend-record-dialog";
import { RecordHistory } from "./record-history";

export interface RecordCardProps {
  record: MedicalRecord;
  timeZone: string;
  /** Show "Amend" (the signed-in doctor wrote this record). */
  canAmend?: boolean;
}

/** One record: diagnosis, prescription, notes, who wrote it and when, and its versions. */
export function RecordCard({ record, timeZone, canAmend = false }: RecordCardProps) {
  const [showHistory, setShowHistory] = useState(false);
  const historyId = useId();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          <span>{record.diagnosis}</span>
          {record.version > 1 && <Badge variant="secondary">Amended · version {record.version}</Badge>}
        </CardTitle>
        <CardDescription>
          {record.doctor.fullName}
          {record.doctor.specialization !== null && ` (${record.doctor.specialization})`} ·{" "}
          <time dateTime={record.createdAt}>{formatInstant(record.createdAt, timeZone)}</time>
          {record.amendedAt !== null && ` · last amended ${formatInstant(record.amendedAt, timeZone)}`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <dl className="grid gap-2 text-sm">
          <div>
            <dt className="font-medium">Prescription</dt>
            <dd className="whitespace-pre-wrap text-muted-foreground">{record.prescription ?? "None"}</dd>
          </div>
          <div>
            <dt className="font-medium">Notes</dt>
            <dd className="whitespace-pre-wrap text-muted-foreground">{record.notes ?? "None"}</dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            aria-expanded={showHistory}
            aria-controls={historyId}
            onClick={() => {
              setShowHistory((shown) => !shown);
            }}
          >
            <History aria-hidden="true" />
            {showHistory ? "Hide version history" : "Version history"}
          </Button>
          {canAmend && (
            <AmendRecordDialog record={record}>
              <Button variant="outline" size="sm">
                <Pencil aria-hidden="true" />
                Amend
              </Button>
            </AmendRecordDialog>
          )}
        </div>
        <div id={historyId}>{showHistory && <RecordHistory recordId={record.id} timeZone={timeZone} />}</div>
      </CardContent>
    </Card>
  );
}
