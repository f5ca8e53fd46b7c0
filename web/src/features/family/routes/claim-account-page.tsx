import { useState } from "react";
import { Link } from "wouter";

import { errorMessage } from "@/components/query-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api-client";

import { useClaimAccount } from "../api/claim-account";

/**
 * The page of the emailed link `/family/claim#token=…`: a dependent chooses their own username
 * and password. The token travels in the fragment (never in a request line or a Referer).
 */
export function ClaimAccountPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const claim = useClaimAccount();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  return (
    <main className="mx-auto grid max-w-md gap-6 p-6">
      <title>Claim your account · Clinic360</title>
      <h1 className="text-2xl font-semibold">Claim your own account</h1>
      {claim.isSuccess ? (
        <p role="status">
          Your account is yours now.{" "}
          <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">Log in</Link>
        </p>
      ) : token === "" ? (
        <p>Open the link from your email exactly as it was sent.</p>
      ) : (
        <Card>
          <CardContent className="pt-6">
            <form
              noValidate
              className="grid gap-4"
              onSubmit={(event) => {
                event.preventDefault();
                setError(null);
                setFields({});
                claim.mutate(
                  { token, username, password },
                  {
                    onError: (failure) => {
                      if (isApiError(failure) && failure.code === "invalid_claim_token") {
                        setError("This link is invalid, already used or expired. Ask for a new invitation.");
                      } else if (isApiError(failure) && Object.keys(failure.fieldErrors).length > 0) {
                        setFields(failure.fieldErrors);
                      } else setError(errorMessage(failure));
                    },
                  },
                );
              }}
            >
              {error !== null && (
                <Alert variant="destructive">
                  <AlertDescription>{error}</AlertDescription>
                </Alert>
              )}
              <FormField label="Username" error={fields.username} required>
                {(field) => (
                  <Input {...field} autoComplete="username" value={username} onChange={(e) => { setUsername(e.target.value); }} />
                )}
              </FormField>
              <FormField label="Password" error={fields.password} description="At least 8 characters." required>
                {(field) => (
                  <Input {...field} type="password" autoComplete="new-password" value={password}
                    onChange={(e) => { setPassword(e.target.value); }} />
                )}
              </FormField>
              <Button type="submit" disabled={claim.isPending}>Claim my account</Button>
            </form>
          </CardContent>
        </Card>
      )}
    </main>
  );
}
