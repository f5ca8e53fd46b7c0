import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, ApiError } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type PatientCard, type WalkInInput } from "./types";

/** POST /api/frontdesk/patients: a walk-in or phone patient, without a password (invited by email). */
export function registerPatient(input: WalkInInput): Promise<PatientCard> {
  return api.post<PatientCard>("/api/frontdesk/patients", input);
}

/** The patients of a 409 `possible_duplicate` (same name and date of birth), or null for any other error. */
export function duplicatesOf(error: unknown): PatientCard[] | null {
  if (!(error instanceof ApiError) || error.code !== "possible_duplicate") return null;
  const raw = error.body.duplicates;
  return Array.isArray(raw) ? (raw as PatientCard[]) : [];
}

export function useRegisterPatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerPatient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.frontDesk.all }),
  });
}
