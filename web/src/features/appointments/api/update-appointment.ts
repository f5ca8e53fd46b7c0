import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { invalidateAfterAppointmentChange } from "./appointment-changed";
import { type Appointment, type AppointmentStatus } from "./types";

/** A status change (a doctor cancelling may add a message to the patient), or a reschedule. */
export type AppointmentChange =
  | { status: AppointmentStatus; cancellationMessage?: string }
  | { startTime: string; endTime: string; status?: "scheduled" };

export interface UpdateInput {
  appointment: Appointment;
  change: AppointmentChange;
}

/** PUT /api/appointments/:id. */
export function updateAppointment({ appointment, change }: UpdateInput): Promise<Appointment> {
  return api.put<Appointment>(`/api/appointments/${String(appointment.id)}`, change);
}

function applied(appointment: Appointment, change: AppointmentChange): Appointment {
  return "startTime" in change
    ? { ...appointment, startTime: change.startTime, endTime: change.endTime, status: "scheduled" }
    : { ...appointment, status: change.status };
}

type Snapshot = [QueryKey, ListResult<Appointment> | Appointment | undefined][];

/**
 * Changes an appointment optimistically in every cached list and its own page; on error the lists are put
 * back as they were. The server's answer is the truth: lists are refetched afterwards.
 */
export function useUpdateAppointment() {
  const queryClient = useQueryClient();
  return useMutation<Appointment, Error, UpdateInput, { snapshot: Snapshot }>({
    mutationFn: updateAppointment,
    onMutate: async ({ appointment, change }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.appointments.all });
      const snapshot: Snapshot = queryClient.getQueriesData<ListResult<Appointment> | Appointment>({
        queryKey: queryKeys.appointments.all,
      });
      const detail = queryKeys.appointments.detail(appointment.id);
      queryClient.setQueryData<Appointment>(detail, (old) => (old === undefined ? old : applied(old, change)));
      queryClient.setQueriesData<ListResult<Appointment>>({ queryKey: queryKeys.appointments.lists }, (old) =>
        old === undefined
          ? old
          : {
              ...old,
              items: old.items.map((item) => (item.id === appointment.id ? applied(item, change) : item)),
            },
      );
      return { snapshot };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: (_data, _error, { appointment }) => invalidateAfterAppointmentChange(queryClient, appointment.doctorId),
  });
}
