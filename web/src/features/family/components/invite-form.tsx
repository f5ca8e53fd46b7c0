import { useState } from "react";

import { errorMessage } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

import { useInviteDependent } from "../api/invite-dependent";
import { type Dependent } from "../api/types";

/** Invite a dependent old enough to their own login (an email with a claim link). */
export function InviteForm({ dependent }: { dependent: Dependent }) {
  const invite = useInviteDependent();
  const [email, setEmail] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <form
      noValidate
      aria-label={`Invite ${dependent.fullName} to their own account`}
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setMessage(null);
        setError(undefined);
        if (email.trim() === "") {
          setError("Enter their own email address");
          return;
        }
        invite.mutate(
          { dependentId: dependent.id, email: email.trim() },
          {
            onSuccess: () => { setMessage(`An invitation is on its way to ${email.trim()}.`); },
            onError: (failure) => { setError(errorMessage(failure)); },
          },
        );
      }}
    >
      <FormField label={`${dependent.fullName}'s own email address`} error={error} className="min-w-64 flex-1">
        {(field) => <Input {...field} type="email" value={email} onChange={(e) => { setEmail(e.target.value); }} />}
      </FormField>
      <Button type="submit" variant="outline" disabled={invite.isPending}>
        Send invitation
      </Button>
      {message !== null && <p role="status" className="basis-full text-sm">{message}</p>}
    </form>
  );
}
