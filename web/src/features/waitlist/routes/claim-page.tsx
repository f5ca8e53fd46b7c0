import { Link, useParams } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AuthLayout } from "@/features/accounts";
import { isApiError } from "@/lib/api-client";
import { formatInstantRange } from "@/lib/format";

import { useClaimOffer } from "../api/claim-offer";
import { useOffer } from "../api/get-offer";

const signIn = (
  <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
    Sign in to see your appointments
  </Link>
);

/**
 * `/claim/:token`: the link in a waiting-list offer email. No login: the link is the
 * credential. The first patient to claim books the time; later ones are told someone was
 * quicker and stay on the list.
 */
export function ClaimPage() {
  const { token } = useParams<{ token: string }>();
  const offer = useOffer(token);
  const claim = useClaimOffer(token);

  if (offer.isPending) return <PageLoading />;
  if (offer.isError) {
    const limited = isApiError(offer.error) && offer.error.code === "rate_limited";
    return (
      <AuthLayout title={limited ? "Too many attempts" : "This offer has ended or the link is not valid"} footer={signIn}>
        <p className="text-muted-foreground">
          {limited
            ? "Please try again later."
            : "Offers from the waiting list last a short while. You stay on the list: we will email you when another time becomes free."}
        </p>
      </AuthLayout>
    );
  }
  const state = offer.data;
  const when = formatInstantRange(state.startTime, state.endTime, state.timezone);
  const taken = state.status === "taken" || (isApiError(claim.error) && claim.error.code === "offer_taken");
  return (
    <AuthLayout title="A time is free for you" footer={signIn} wide
      description={`Times are on the clinic's clock (${state.timezone}).`}>
      <div className="grid gap-6">
        <dl className="grid gap-1 rounded-lg border p-4">
          <div className="flex gap-2"><dt className="font-medium">When:</dt><dd>{when}</dd></div>
          <div className="flex gap-2"><dt className="font-medium">Doctor:</dt><dd>{state.doctorName}</dd></div>
        </dl>
        {state.status === "claimed" ? (
          <Alert live>
            <AlertTitle>It is yours: your appointment is booked</AlertTitle>
            <AlertDescription>We are sending you a confirmation email with the details.</AlertDescription>
          </Alert>
        ) : taken ? (
          <Alert live>
            <AlertTitle>Someone was quicker</AlertTitle>
            <AlertDescription>This time is no longer free. You stay on the waiting list.</AlertDescription>
          </Alert>
        ) : (
          <>
            {claim.isError && (
              <Alert variant="destructive" live>
                <AlertDescription>{claim.error.message}</AlertDescription>
              </Alert>
            )}
            <Button className="w-fit" disabled={claim.isPending} onClick={() => { claim.mutate(); }}>
              Book this time
            </Button>
          </>
        )}
      </div>
    </AuthLayout>
  );
}
