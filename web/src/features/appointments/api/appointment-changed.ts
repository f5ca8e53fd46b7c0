import { type QueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

/**
 * What a booked, moved or cancelled appointment makes stale: the appointment lists, the
 * doctor's free slots in every range (refetched at once, even on pages not shown, so that
 * going back to the doctor's page never offers the taken slot), the doctor's first free slot
 * in the doctor list and detail, and the patients' last and next visits.
 */
export function invalidateAfterAppointmentChange(queryClient: QueryClient, doctorId: number) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.appointments.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.slots(doctorId), refetchType: "all" }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.lists }),
    queryClient.invalidateQueries({ queryKey: queryKeys.doctors.detail(doctorId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.patients.all }),
  ]);
}
