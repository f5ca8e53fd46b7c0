import { ShieldAlert } from "lucide-react";
import { useLocation } from "wouter";

import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

import { useCurrentUser } from "../api/get-current-user";
import { TwoFactorSettings } from "../mfa";
import { homePathFor, mfaEnrolmentPending } from "../types";

/**
 * Enrolment in two-factor authentication. A user whose role requires it is kept here until
 * enrolled (app/guards.tsx), including after any API answer 403 `mfa_enrolment_required`.
 */
export function TwoFactorPage() {
  const [, navigate] = useLocation();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return (
    <>
      <title>Two-factor authentication · Clinic360</title>
      <PageHeader
        title="Two-factor authentication"
        description="Log in with your password and a code from an authenticator app on your phone."
      />
      <div className="grid max-w-3xl gap-6">
        {mfaEnrolmentPending(user) && (
          <Alert>
            <ShieldAlert aria-hidden="true" />
            <AlertTitle>Set up two-factor authentication to continue</AlertTitle>
            <AlertDescription>
              Your account can see patient information, so Clinic360 requires a code from your phone as well as your
              password. You can use the rest of the app once it is set up.
            </AlertDescription>
          </Alert>
        )}
        <Card>
          <CardHeader>
            <CardTitle as="h2">Your authenticator app</CardTitle>
          </CardHeader>
          <CardContent>
            <TwoFactorSettings
              user={user}
              onFinished={() => {
                navigate(homePathFor(user.role), { replace: true });
              }}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
