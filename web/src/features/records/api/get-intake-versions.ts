import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type IntakeResponse } from "./types";

/** GET /api/appointments/:id/intake/versions: every answer set of the visit, oldest first. */
export function getIntakeVersions(appointmentId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<IntakeResponse[]>(`/api/appointments/${String(appointmentId)}/intake/versions`, { signal });
}

export function intakeVersionsQueryOptions(appointmentId: number) {
  return queryOptions({
    queryKey: queryKeys.intake.versions(appointmentId),
    queryFn: ({ signal }) => getIntakeVersions(appointmentId, { signal }),
  });
}

export function useIntakeVersions(appointmentId: number, { enabled }: { enabled: boolean }) {
  return useQuery({ ...intakeVersionsQueryOptions(appointmentId), enabled });
}
