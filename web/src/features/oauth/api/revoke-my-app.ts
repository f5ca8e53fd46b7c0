import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** DELETE /api/oauth2/apps/:id: the app's access ends at once. */
export function revokeMyApp(appId: number): Promise<undefined> {
  return api.delete(`/api/oauth2/apps/${String(appId)}`);
}

export function useRevokeMyApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeMyApp,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.oauth.myApps }),
  });
}
