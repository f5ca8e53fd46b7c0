import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** The patient's own no-shows and late cancellations and what they mean for booking. */
export type MyAttendance = ApiSchema<"MyAttendanceOut">;

/** GET /api/attendance (patients only). */
export function getMyAttendance({ signal }: { signal?: AbortSignal } = {}): Promise<MyAttendance> {
  return api.get<MyAttendance>("/api/attendance", { signal });
}

export function myAttendanceQueryOptions() {
  return queryOptions({ queryKey: queryKeys.myAttendance, queryFn: ({ signal }) => getMyAttendance({ signal }) });
}

export function useMyAttendance() {
  return useQuery(myAttendanceQueryOptions());
}
