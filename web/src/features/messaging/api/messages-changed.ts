import { type QueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

/** After a message was written, retracted, a thread read, closed or a patient (un)blocked:
 * thread lists, unread counts and the doctors one may write to are refetched. */
export function messagesChanged(queryClient: QueryClient, threadId?: number): Promise<void> {
  const work = [
    queryClient.invalidateQueries({ queryKey: queryKeys.messages.threadLists }),
    queryClient.invalidateQueries({ queryKey: queryKeys.messages.unread }),
    queryClient.invalidateQueries({ queryKey: queryKeys.messages.doctors }),
  ];
  if (threadId !== undefined) {
    work.push(queryClient.invalidateQueries({ queryKey: queryKeys.messages.thread(threadId) }));
  }
  return Promise.all(work).then(() => undefined);
}
