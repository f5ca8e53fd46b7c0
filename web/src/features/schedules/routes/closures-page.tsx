import { CalendarOff, Trash2 } from "lucide-react";
import { useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError, errorMessage } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";

import { useDeleteClosure } from "../api/delete-closure";
import { type Closure, useClosures } from "../api/list-closures";
import { AddClosureForm, ImportHolidaysForm } from "../components/closure-forms";
import { formatDate } from "../lib/dates";

function ClosureRow({ closure }: { closure: Closure }) {
  const remove = useDeleteClosure();
  const when = formatDate(closure.date);
  return (
    <li className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <span className="font-medium">{when}</span>
        <span className="break-words">{closure.name}</span>
        <Badge variant="secondary">{closure.source === "imported" ? "Public holiday" : "Added by hand"}</Badge>
      </div>
      <Button
        variant="outline"
        size="sm"
        aria-label={`Reopen ${when}`}
        disabled={remove.isPending}
        onClick={() => {
          remove.mutate(closure.id, {
            onSuccess: () => {
              toast({ title: `Open again on ${when}`, variant: "success" });
            },
            onError: (error) => {
              toast({ title: "Could not reopen", description: errorMessage(error), variant: "destructive" });
            },
          });
        }}
      >
        <Trash2 aria-hidden="true" />
        Reopen
      </Button>
    </li>
  );
}

/** The admin's page of clinic closures: the year's closed dates, one added by hand, holidays imported. */
export function ClosuresPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [yearText, setYearText] = useState(String(year));
  const closures = useClosures(year);
  const chooseYear = (next: number) => {
    setYear(next);
    setYearText(String(next));
  };

  let list;
  if (closures.isPending) {
    list = <ListSkeleton label="Loading closures" />;
  } else if (closures.isError) {
    list = (
      <QueryError
        title="The closures could not be loaded"
        error={closures.error}
        onRetry={() => void closures.refetch()}
      />
    );
  } else if (closures.data.length === 0) {
    list = (
      <EmptyState
        icon={CalendarOff}
        title={`No closures in ${String(year)}`}
        description="Every doctor's hours apply. Import public holidays or add a date below."
      />
    );
  } else {
    list = (
      <Card className="gap-0 py-0">
        <ul className="divide-y" aria-label={`Closures in ${String(year)}`}>
          {closures.data.map((closure) => (
            <ClosureRow key={closure.id} closure={closure} />
          ))}
        </ul>
      </Card>
    );
  }

  return (
    <>
      <title>Clinic closures · Clinic360</title>
      <PageHeader
        title="Clinic closures"
        description="On these dates the whole clinic is closed: no doctor offers times, and nobody can book."
      />
      <div className="grid gap-6">
        <section aria-labelledby="closures-year-heading" className="grid gap-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="closures-year-heading" className="text-lg font-semibold">
              Closed dates in {year}
            </h2>
            <FormField label="Show year" className="w-32">
              {(field) => (
                <Input
                  inputMode="numeric"
                  value={yearText}
                  onChange={(event) => {
                    const text = event.target.value.trim();
                    setYearText(text);
                    const parsed = Number(text);
                    if (Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2199) setYear(parsed);
                  }}
                  {...field}
                />
              )}
            </FormField>
          </div>
          {list}
        </section>
        <ImportHolidaysForm year={year} onYear={chooseYear} />
        <AddClosureForm onYear={chooseYear} />
      </div>
    </>
  );
}
