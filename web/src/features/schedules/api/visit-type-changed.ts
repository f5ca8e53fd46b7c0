import { type QueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

/**
 * After a visit type was added or changed: the doctor's own list, what patients see of the doctor
 * (offered types, slots, next free time) and the current user (the default type's length is the
 * slot length).
 */
export function visitTypeChanged(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.visitTypes.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.accounts.currentUser }),
  ]);
}
