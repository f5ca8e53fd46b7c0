import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { currentUserQueryOptions } from "./get-current-user";
import { type CurrentUser } from "./types";

/** PUT /api/user { slotMinutes } (doctor, 5–240). */
export function updateSlotMinutes(slotMinutes: number): Promise<CurrentUser> {
  return api.put<CurrentUser>("/api/user", { slotMinutes });
}

export function useUpdateSlotMinutes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSlotMinutes,
    onSuccess: async (user) => {
      queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
      // Slot lengths change every doctor's free slots.
      await queryClient.invalidateQueries({ queryKey: ["doctors"] });
    },
  });
}
