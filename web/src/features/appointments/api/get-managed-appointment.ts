import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { managePath, type ManageState } from "./manage-types";

/** GET /api/manage/:token: the appointment of an email link, without a session. */
export function getManagedAppointment(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<ManageState> {
  return api.get<ManageState>(managePath(token), { signal, handleUnauthorized: false });
}

export function managedAppointmentQueryOptions(token: string) {
  return queryOptions({
    queryKey: queryKeys.manageLink.state(token),
    queryFn: ({ signal }) => getManagedAppointment(token, { signal }),
    staleTime: 0,
  });
}

export function useManagedAppointment(token: string) {
  return useQuery(managedAppointmentQueryOptions(token));
}
