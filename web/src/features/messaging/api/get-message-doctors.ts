import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type MessagingDoctor } from "./types";

/** GET /api/messages/doctors: the doctors the patient may write to (blocked ones say why); with
 * `patientId`, those of a patient the caller acts for with the messages capability (family). */
export function getMessageDoctors(patientId: number | null, { signal }: { signal?: AbortSignal } = {}) {
  const params: Record<string, string> = patientId === null ? {} : { patientId: String(patientId) };
  return api.get<MessagingDoctor[]>("/api/messages/doctors", { signal, params });
}

export function messageDoctorsQueryOptions(patientId: number | null = null) {
  return queryOptions({
    queryKey: queryKeys.messages.doctorsFor(patientId),
    queryFn: ({ signal }) => getMessageDoctors(patientId, { signal }),
  });
}

export function useMessageDoctors(patientId: number | null = null) {
  return useQuery(messageDoctorsQueryOptions(patientId));
}
