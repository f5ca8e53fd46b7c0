import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "wouter";

import { Toaster } from "@/components/ui/toaster";
import { currentUserQueryOptions } from "@/features/accounts";
import { setUnauthorizedHandler } from "@/lib/api-client";
import { queryClient as defaultQueryClient } from "@/lib/query-client";

const LOGIN_PATH = "/login";
/** Where an ended session lands; the login page says "Your session has ended". */
export const SESSION_ENDED_PATH = "/login?expired=1";

/**
 * Everything the app needs around its pages. On a 401 `unauthenticated` (the session
 * ended), the user is sent to log in and every cached answer of theirs is dropped, so no
 * patient data stays in memory or on screen (nothing is ever kept in web storage).
 */
export function AppProviders({
  children,
  queryClient = defaultQueryClient,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [location, navigate] = useLocation();
  const locationRef = useRef(location);

  useEffect(() => {
    locationRef.current = location;
  }, [location]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // Leave the signed-in pages first, so none re-renders (or refetches) without its data.
      if (locationRef.current !== LOGIN_PATH) navigate(SESSION_ENDED_PATH, { replace: true });
      queryClient.clear();
      queryClient.setQueryData(currentUserQueryOptions().queryKey, null);
    });
    return () => {
      setUnauthorizedHandler(null);
    };
  }, [queryClient, navigate]);

  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
