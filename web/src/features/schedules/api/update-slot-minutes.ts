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
      // The default visit type's length follows; not awaited: the form that asked is remounted
      // with the new length (its key) and must still hear of the success.
      void queryClient.invalidateQueries({ queryKey: queryKeys.visitTypes.all });
      // Slot lengths change every doctor's free slots.
      await queryClient.invalidateQueries({ queryKey: queryKeys.doctors.all });
    },
  });
}
