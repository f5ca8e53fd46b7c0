import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ScheduleEntry, type WeeklyEntriesInput } from "./types";

/** POST /api/schedule/weekly (doctor): the same window on several weekdays, all or none
 * (409 `schedule_overlap` names the clashing days in `detail` and `daysOfWeek`). */
export function createWeeklyEntries(input: WeeklyEntriesInput): Promise<ScheduleEntry[]> {
  return api.post<ScheduleEntry[]>("/api/schedule/weekly", input);
}

export function useCreateWeeklyEntries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWeeklyEntries,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySchedule }),
  });
}
