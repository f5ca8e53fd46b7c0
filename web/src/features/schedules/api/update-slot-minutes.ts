import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { currentUserQueryOptions, type User } from "@/features/accounts";

/** PUT /api/user { slotMinutes } (doctor, 5–240). */
export function updateSlotMinutes(slotMinutes: number): Promise<User> {
  return api.put<User>("/api/user", { slotMinutes });
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
