import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type RecordVersion } from "./types";

/** GET /api/records/:id/history: every version of a record, oldest first. */
export function getRecordHistory(recordId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<RecordVersion[]>(`/api/records/${String(recordId)}/history`, { signal });
}

export function recordHistoryQueryOptions(recordId: number) {
  return queryOptions({
    queryKey: queryKeys.records.history(recordId),
    queryFn: ({ signal }) => getRecordHistory(recordId, { signal }),
  });
}

export function useRecordHistory(recordId: number, { enabled }: { enabled: boolean }) {
  return useQuery({ ...recordHistoryQueryOptions(recordId), enabled });
}
