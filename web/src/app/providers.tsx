import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "wouter";

import { Toaster } from "@/components/ui/toaster";
import { currentUserQueryOptions, MFA_ENROLMENT_PATH } from "@/features/accounts";
import { setMfaEnrolmentHandler, setUnauthorizedHandler } from "@/lib/api-client";
import { queryClient as defaultQueryClient } from "@/lib/query-client";

const LOGIN_PATH = "/login";
/** Where an ended session lands; the login page says "Your session has ended". */
export const SESSION_ENDED_PATH = "/login?expired=1";

/**
 * Everything the app needs around its pages. On a 401 `unauthenticated` (the session
 * ended), the user is sent to log in and every cached answer of theirs is dropped, so no
 * patient data stays in memory or on screen (nothing is ever kept in web storage).
 * On a 403 `mfa_enrolment_required` (a role that must use two-factor authentication has not
 * set it up), the user is sent to the enrolment page, which explains why.
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
    setMfaEnrolmentHandler(() => {
      queryClient.setQueryData(
        currentUserQueryOptions().queryKey,
        (user) => user && { ...user, mfaRequired: true, mfaEnabled: false },
      );
      if (locationRef.current !== MFA_ENROLMENT_PATH) navigate(MFA_ENROLMENT_PATH, { replace: true });
    });
    return () => {
      setUnauthorizedHandler(null);
      setMfaEnrolmentHandler(null);
    };
  }, [queryClient, navigate]);

  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
