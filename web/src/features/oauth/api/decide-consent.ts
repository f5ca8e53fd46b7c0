import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

type Redirect = ApiSchema<"RedirectOut">;

/** POST /api/oauth2/consent: approve or deny; where the browser goes next (back to the app). */
export function decideConsent(body: { request: string; approve: boolean }): Promise<Redirect> {
  return api.post<Redirect>("/api/oauth2/consent", body);
}

export function useDecideConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideConsent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.oauth.myApps }),
  });
}
