import { ShieldCheck } from "lucide-react";
import { useSearch } from "wouter";

import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError, errorMessage } from "@/components/query-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

import { useDecideConsent } from "../api/decide-consent";
import { useConsent } from "../api/get-consent";

/**
 * `/authorize?<the app's authorization request>`: the signed-in user sees which app asks for
 * what, in plain words, and allows or denies; the browser then goes back to the app.
 */
export function ConsentPage() {
  const request = useSearch();
  const consent = useConsent(request);
  const decide = useDecideConsent();

  function answer(approve: boolean) {
    decide.mutate(
      { request, approve },
      { onSuccess: (result) => { window.location.assign(result.redirectTo); } },
    );
  }

  return (
    <>
      <title>Allow an app · Clinic360</title>
      <div className="grid max-w-xl gap-6">
        <PageHeader title="Allow an app to use your account?" className="mb-0" />
        {consent.isPending ? (
          <ListSkeleton label="Loading the app's request" rows={2} />
        ) : consent.isError ? (
          <QueryError error={consent.error} />
        ) : (
          <Card>
            <CardContent className="grid gap-4 pt-6">
              <p className="flex items-center gap-2 font-medium">
                <ShieldCheck aria-hidden="true" className="size-5" />
                <span>
                  <strong>{consent.data.clientName}</strong> asks to:
                </span>
              </p>
              <ul className="list-disc pl-6" aria-label="What the app asks for">
                {consent.data.words.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p className="text-sm text-muted-foreground">
                You will return to {new URL(consent.data.redirectUri).host}. You can revoke this
                app at any time under Profile → Connected apps.
              </p>
              {consent.data.refused.length > 0 && (
                <Alert variant="destructive">
                  Your account cannot give this app what it asks for. You can only deny.
                </Alert>
              )}
              {decide.isError && (
                <Alert variant="destructive" live>
                  {errorMessage(decide.error)}
                </Alert>
              )}
              <div className="flex flex-wrap gap-3">
                <Button
                  disabled={decide.isPending || consent.data.refused.length > 0}
                  onClick={() => { answer(true); }}
                >
                  Allow
                </Button>
                <Button variant="outline" disabled={decide.isPending} onClick={() => { answer(false); }}>
                  Deny
                </Button>
              </div>
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
