import { type QueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

/** After a closure change: the closure lists and every doctor's slots (and next available). */
export function closuresChanged(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.closures.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all }),
  ]);
}
