import { useMutation, useQueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

import { currentUserQueryOptions, updateUser } from "@/features/accounts";

/** The doctor's appointment length (5–240 minutes), through the accounts feature's PUT /api/user. */
export function updateSlotMinutes(slotMinutes: number) {
  return updateUser({ slotMinutes });
}

export function useUpdateSlotMinutes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSlotMinutes,
    onSuccess: async (user) => {
      queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
      // Slot lengths change every doctor's free slots, and the default visit type's length.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.visitTypes.all }),
      ]);
    },
  });
}
