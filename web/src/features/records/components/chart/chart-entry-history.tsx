import { ListSkeleton, QueryError } from "@/components/query-state";
import { formatInstant } from "@/lib/format";

import { useChartEntryHistory } from "../../api/get-chart-entry-history";
import { type ChartListName } from "../../api/types";
import { VersionChanges } from "../version-changes";
import { changedFields } from "../version-diff";
import { LISTS, statusLabel } from "./chart-fields";

/** Every version of one chart entry, oldest first: who wrote it, when, why and what changed. */
export function ChartEntryHistory({
  patientId,
  list,
  itemId,
  label,
  timeZone,
}: {
  patientId: number;
  list: ChartListName;
  itemId: number;
  /** The list's accessible name: "All versions of allergy Penicillin". */
  label: string;
  timeZone: string;
}) {
  const history = useChartEntryHistory(patientId, list, itemId);
  if (history.isPending) return <ListSkeleton label="Loading versions" rows={1} />;
  if (history.isError) return <QueryError error={history.error} />;
  const fields = [...LISTS[list].fields, { name: "status", label: "Status" }];
  return (
    <ol aria-label={label} className="grid gap-3 border-l-2 border-muted pl-4">
      {history.data.map((version, index) => {
        const previous = index > 0 ? history.data[index - 1] : undefined;
        return (
          <li key={version.version} className="grid gap-1 text-sm">
            <p className="font-medium">
              Version {version.version}
              <span className="font-normal text-muted-foreground">
                {" "}
                — {previous === undefined ? "added" : "amended"} by {version.updatedBy.fullName} on{" "}
                <time dateTime={version.updatedAt}>{formatInstant(version.updatedAt, timeZone)}</time>
              </span>
            </p>
            {version.reason !== null && <p>Reason: {version.reason}</p>}
            {previous === undefined ? (
              <p>
                {LISTS[list].headline(version)} · {statusLabel(list, version.status)}
              </p>
            ) : (
              <VersionChanges changes={changedFields(previous, version, fields)} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
