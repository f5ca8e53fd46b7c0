import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Report, type ReportRange, rangeQuery } from "./types";

/** GET /api/reports?from=&to=&doctorId=&visitTypeId=: totals, per doctor, per visit type, per day. */
export function getReport(range: ReportRange, { signal }: { signal?: AbortSignal } = {}): Promise<Report> {
  return api.get<Report>(`/api/reports?${rangeQuery(range)}`, { signal });
}

export function reportQueryOptions(range: ReportRange) {
  return queryOptions({
    queryKey: queryKeys.reports.report(range),
    queryFn: ({ signal }) => getReport(range, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReport(range: ReportRange) {
  return useQuery(reportQueryOptions(range));
}
