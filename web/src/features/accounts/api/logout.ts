import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, ApiError, resetCsrfToken } from "@/lib/api-client";

import { currentUserQueryOptions } from "./get-current-user";

/** POST /api/logout → 204; the server destroys the session. */
export async function logout(): Promise<void> {
  try {
    await api.post("/api/logout", undefined, { handleUnauthorized: false });
  } catch (error) {
    // The session had already ended: the user is logged out either way.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

/**
 * Log out and forget every cached answer of this user. `onLoggedOut` runs first (navigate
 * away there), so that no signed-in page re-renders without its data.
 */
export function useLogout({ onLoggedOut }: { onLoggedOut?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      onLoggedOut?.();
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(currentUserQueryOptions().queryKey, null);
    },
  });
}
