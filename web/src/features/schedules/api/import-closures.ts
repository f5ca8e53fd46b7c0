import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { closuresChanged } from "./closures-changed";

export type ImportClosuresInput = ApiSchema<"ClosureImportBody">;
export type ImportClosuresResult = ApiSchema<"ClosureImportOut">;

/**
 * POST /api/admin/closures/import: a country's (and region's) public holidays of a year become
 * closures; dates already closed are kept (422 `unknown_country`, `unknown_region`,
 * `closure_limit_reached`).
 */
export function importClosures(input: ImportClosuresInput): Promise<ImportClosuresResult> {
  return api.post<ImportClosuresResult>("/api/admin/closures/import", input);
}

export function useImportClosures() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: importClosures, onSuccess: () => closuresChanged(queryClient) });
}
