import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Intake } from "./types";

/** GET /api/appointments/:id/intake: the visit's questions and current answers. */
export function getIntake(appointmentId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<Intake>(`/api/appointments/${String(appointmentId)}/intake`, { signal });
}

export function intakeQueryOptions(appointmentId: number) {
  return queryOptions({
    queryKey: queryKeys.intake.appointment(appointmentId),
    queryFn: ({ signal }) => getIntake(appointmentId, { signal }),
  });
}

export function useIntake(appointmentId: number) {
  return useQuery(intakeQueryOptions(appointmentId));
}
