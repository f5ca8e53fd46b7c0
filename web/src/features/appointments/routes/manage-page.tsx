import { useState, type ReactNode } from "react";
import { Link, useParams } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { AuthLayout } from "@/features/accounts";
import { isApiError } from "@/lib/api-client";

import { useManagedAppointment } from "../api/get-managed-appointment";
import { type ManageState } from "../api/manage-types";
import { ManageActions, ManagedAppointmentCard } from "../components/manage-panel";

const signIn = (
  <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
    Sign in to see all your appointments
  </Link>
);

function windowTitle(state: ManageState): string {
  if (state.mayReschedule) return "It can no longer be cancelled online";
  if (state.mayCancel) return "It can no longer be moved online";
  return "It can no longer be changed online";
}

/**
 * `/manage/:token`: the link in a patient's appointment emails. No login: the link is the
 * credential. It shows only what the email shows; an older link shows the current state and
 * offers nothing; an expired or unknown link says so.
 */
export function ManagePage({ intake }: { intake?: (token: string) => ReactNode } = {}) {
  const { token } = useParams<{ token: string }>();
  const query = useManagedAppointment(token);
  const [moved, setMoved] = useState(false);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const error = query.error;
    if (isApiError(error) && error.code === "link_changed") {
      const current = error.body.current as ManageState | undefined;
      return (
        <AuthLayout title="This appointment has changed" footer={signIn} wide
          description="It changed after this email was sent, so this link can no longer change it. Use the link in the newest email about it.">
          {current !== undefined && <ManagedAppointmentCard state={current} />}
        </AuthLayout>
      );
    }
    const limited = isApiError(error) && error.code === "rate_limited";
    return (
      <AuthLayout title={limited ? "Too many attempts" : "This link has expired or is not valid"} footer={signIn}>
        <p className="text-muted-foreground">
          {limited
            ? "Please try again later."
            : "Links in appointment emails work until the visit starts. Open the link exactly as it was sent, or sign in."}
        </p>
      </AuthLayout>
    );
  }

  const state = query.data;
  const zone = state.appointment.doctor.timezone;
  const cancelled = state.appointment.status === "cancelled";
  return (
    <AuthLayout title="Your appointment" footer={signIn} wide
      description={`Times are on the clinic's clock (${zone}).`}>
      <div className="grid gap-6">
        <ManagedAppointmentCard state={state} />
        {cancelled && (
          <Alert live>
            <AlertTitle>Your appointment is cancelled</AlertTitle>
            <AlertDescription>The time is free for someone else. Thank you for telling us.</AlertDescription>
          </Alert>
        )}
        {moved && (
          <Alert live>
            <AlertTitle>Your appointment has moved</AlertTitle>
            <AlertDescription>
              We are sending you an email with the new time and a new link; this one no longer changes it.
            </AlertDescription>
          </Alert>
        )}
        {!cancelled && !moved && (
          <ManageActions token={token} state={state} zone={zone} onMoved={() => { setMoved(true); }} />
        )}
        {!cancelled && !moved && intake?.(token)}
        {!cancelled && !moved && !(state.mayCancel && state.mayReschedule) && (
          <Alert>
            <AlertTitle>{windowTitle(state)}</AlertTitle>
            <AlertDescription>{state.contactLine}</AlertDescription>
          </Alert>
        )}
      </div>
    </AuthLayout>
  );
}
