import { formatInstant } from "@/lib/format";

import { useRecordHistory } from "../api/get-record-history";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { VersionChanges } from "./version-changes";
import { changedFields } from "./version-diff";

const RECORD_FIELDS = [
  { name: "diagnosis", label: "Diagnosis" },
  { name: "prescription", label: "Prescription" },
  { name: "notes", label: "Notes" },
] as const;

/** Every version of a record, oldest first, with who amended it, when, why and what changed. */
export function RecordHistory({ recordId, timeZone }: { recordId: number; timeZone: string }) {
  const history = useRecordHistory(recordId, { enabled: true });
  if (history.isPending) return <ListSkeleton label="Loading version history" />;
  if (history.isError) return <QueryError error={history.error} />;
  return (
    <ol aria-label="Version history" className="grid gap-3 border-l-2 border-muted pl-4">
      {history.data.map((version, index) => {
        const previous = index > 0 ? history.data[index - 1] : undefined;
        return (
        <li key={version.version} className="grid gap-1 text-sm">
          <p className="font-medium">
            Version {version.version}
            {version.amendedAt !== null && version.amendedBy !== null ? (
              <span className="font-normal text-muted-foreground">
                {" "}
                — amended by {version.amendedBy.fullName} on {formatInstant(version.amendedAt, timeZone)}
              </span>
            ) : (
              <span className="font-normal text-muted-foreground"> — original</span>
            )}
          </p>
          {version.reason !== null && <p>Reason: {version.reason}</p>}
          {previous !== undefined && <VersionChanges changes={changedFields(previous, version, RECORD_FIELDS)} />}
          <p>Diagnosis: {version.diagnosis}</p>
          {version.prescription !== null && (
            <p className="whitespace-pre-wrap">Prescription: {version.prescription}</p>
          )}
          {version.notes !== null && <p className="whitespace-pre-wrap">Notes: {version.notes}</p>}
        </li>
        );
      })}
    </ol>
  );
}
