import { useId, useState, type ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { formatInstant } from "@/lib/format";

import { useChartEntries } from "../../api/get-chart-entries";
import { type AllergyWarning, type ChartEntry, type ChartListName } from "../../api/types";
import { AllergyWarnings } from "./allergy-warnings";
import { ChartEntryDialog } from "./chart-entry-dialog";
import { fieldText, LISTS, statusLabel, type FieldSpec } from "./chart-fields";
import { formatDay } from "./chart-time";

function cell(field: FieldSpec, entry: ChartEntry, timeZone: string): string {
  const value = fieldText(entry, field.name);
  if (value === "") return "—";
  if (field.kind === "date") return formatDay(value);
  if (field.kind === "datetime") return formatInstant(value, timeZone);
  if (field.kind === "select") return field.options?.find((o) => o.value === value)?.label ?? value;
  return value;
}

/**
 * One chart list as a table (newest first), for the doctor with "Add" and "Amend" (with a
 * reason; entries are never deleted), for the patient read-only. `children` go between the
 * heading and the table (the vitals charts).
 */
export function ChartListSection({
  patientId,
  list,
  timeZone,
  editable,
  children,
}: {
  patientId: number;
  list: ChartListName;
  timeZone: string;
  editable: boolean;
  children?: (entries: ChartEntry[]) => ReactNode;
}) {
  const spec = LISTS[list];
  const headingId = useId();
  const entries = useChartEntries(patientId, list);
  const [warnings, setWarnings] = useState<AllergyWarning[]>([]);
  const columns = spec.fields;
  const bmi = list === "vitals";

  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {spec.title}
        </h2>
        {editable && (
          <ChartEntryDialog patientId={patientId} list={list} timeZone={timeZone} onWarnings={setWarnings}>
            <Button variant="outline">Add {spec.one}</Button>
          </ChartEntryDialog>
        )}
      </div>
      <AllergyWarnings warnings={warnings} onDismiss={() => { setWarnings([]); }} />
      {entries.isPending ? (
        <ListSkeleton label={`Loading ${spec.title.toLowerCase()}`} rows={1} />
      ) : entries.isError ? (
        <QueryError error={entries.error} />
      ) : entries.data.items.length === 0 ? (
        <p className="text-muted-foreground">{spec.empty}</p>
      ) : (
        <>
          {children?.(entries.data.items)}
          <div className="overflow-x-auto rounded-md border">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{spec.title}, newest first</caption>
              <thead className="bg-muted/50">
                <tr>
                  {columns.map((field) => (
                    <th key={field.name} scope="col" className="px-3 py-2 font-medium">
                      {field.unit ? `${field.label} (${field.unit})` : field.label}
                    </th>
                  ))}
                  {bmi && (
                    <th scope="col" className="px-3 py-2 font-medium">
                      BMI
                    </th>
                  )}
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Last change
                  </th>
                  {editable && (
                    <th scope="col" className="px-3 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((entry) => (
                  <tr key={entry.id} className="border-t align-top">
                    {columns.map((field, index) =>
                      index === 0 ? (
                        <th key={field.name} scope="row" className="px-3 py-2 font-medium">
                          {cell(field, entry, timeZone)}
                        </th>
                      ) : (
                        <td key={field.name} className="px-3 py-2">
                          {cell(field, entry, timeZone)}
                        </td>
                      ),
                    )}
                    {bmi && <td className="px-3 py-2">{"bmi" in entry && entry.bmi !== null ? entry.bmi : "—"}</td>}
                    <td className="px-3 py-2">
                      <Badge variant={entry.status === "entered_in_error" ? "outline" : entry.status === "active" ? "warning" : "secondary"}>
                        {statusLabel(list, entry.status)}
                      </Badge>
                    </td>
                    <td className="px-3 py-2 text-muted-foreground">
                      {entry.updatedBy.fullName}, {formatInstant(entry.updatedAt, timeZone)}
                      {entry.reason !== null && <span className="block">Reason: {entry.reason}</span>}
                    </td>
                    {editable && (
                      <td className="px-3 py-2">
                        <ChartEntryDialog
                          patientId={patientId}
                          list={list}
                          entry={entry}
                          timeZone={timeZone}
                          onWarnings={setWarnings}
                        >
                          <Button variant="ghost" size="sm">
                            Amend<span className="sr-only"> {spec.headline(entry)} of {formatInstant(entry.createdAt, timeZone)}</span>
                          </Button>
                        </ChartEntryDialog>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
