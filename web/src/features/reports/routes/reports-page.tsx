import { Download } from "lucide-react";
import { type ReactNode, type SyntheticEvent, useState } from "react";

import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

import { useReport } from "../api/get-report";
import { type ReportTable, reportCsvUrl } from "../api/report-csv";
import { type ReportRange } from "../api/types";
import { DaysChart, UtilizationChart } from "../components/report-charts";
import { DaysTable, DoctorsTable, TotalsTable, VisitTypesTable } from "../components/report-tables";

function isoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${String(date.getFullYear())}-${month}-${day}`;
}

/** The last 30 days, today included. */
function defaultRange(): ReportRange {
  const today = new Date();
  const first = new Date(today);
  first.setDate(today.getDate() - 29);
  return { from: isoDate(first), to: isoDate(today) };
}

function Section({
  id,
  title,
  table,
  range,
  children,
}: {
  id: string;
  title: string;
  table?: ReportTable;
  range: ReportRange;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {table !== undefined && (
          <Button asChild variant="outline" size="sm">
            <a href={reportCsvUrl(table, range)} download>
              <Download aria-hidden="true" />
              Download {title.toLowerCase()} as CSV
            </a>
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}

/** The manager's and admin's reports: utilization, cancellations, no-shows, lead time, patients. */
export function ReportsPage() {
  const [range, setRange] = useState<ReportRange>(defaultRange);
  const [draft, setDraft] = useState<ReportRange>(range);
  const report = useReport(range);
  const apply = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRange({ from: draft.from, to: draft.to });
  };

  let body: ReactNode;
  if (report.isPending) {
    body = <ListSkeleton label="Loading the report" />;
  } else if (report.isError) {
    body = (
      <QueryError title="The report could not be made" error={report.error} onRetry={() => void report.refetch()} />
    );
  } else {
    const data = report.data;
    body = (
      <div className="grid gap-8">
        <Section id="reports-totals" title="Whole clinic" range={range}>
          <TotalsTable totals={data.totals} />
        </Section>
        <Section id="reports-days" title="Per day" table="days" range={range}>
          <DaysChart days={data.days} />
          <DaysTable days={data.days} />
        </Section>
        <Section id="reports-doctors" title="Per doctor" table="doctors" range={range}>
          <UtilizationChart doctors={data.doctors} />
          <DoctorsTable doctors={data.doctors} />
        </Section>
        <Section id="reports-types" title="Per visit type" table="visit-types" range={range}>
          <VisitTypesTable visitTypes={data.visitTypes} />
        </Section>
      </div>
    );
  }

  return (
    <>
      <title>Reports · Clinic360</title>
      <PageHeader
        title="Reports"
        description="Open and booked hours, cancellations, no-shows, lead times and new patients for a date range. No clinical content."
      />
      <form onSubmit={apply} className="mb-6 flex flex-wrap items-end gap-3" aria-label="Report range">
        <FormField label="From" className="w-44">
          {(field) => (
            <Input
              type="date"
              required
              value={draft.from}
              onChange={(event) => {
                setDraft({ ...draft, from: event.target.value });
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="To" className="w-44">
          {(field) => (
            <Input
              type="date"
              required
              value={draft.to}
              onChange={(event) => {
                setDraft({ ...draft, to: event.target.value });
              }}
              {...field}
            />
          )}
        </FormField>
        <Button type="submit">Show report</Button>
      </form>
      {body}
    </>
  );
}
