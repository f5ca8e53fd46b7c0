import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type MessagingDoctor } from "./types";

/** GET /api/messages/doctors: the doctors the patient may write to (blocked ones say why). */
export function getMessageDoctors({ signal }: { signal?: AbortSignal } = {}) {
  return api.get<MessagingDoctor[]>("/api/messages/doctors", { signal });
}

export function messageDoctorsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.messages.doctors,
    queryFn: ({ signal }) => getMessageDoctors({ signal }),
  });
}

export function useMessageDoctors() {
  return useQuery(messageDoctorsQueryOptions());
}
