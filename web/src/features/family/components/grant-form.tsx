import { useId, useState } from "react";

import { errorMessage } from "@/components/query-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

import { useGrantProxy } from "../api/grant-proxy";
import { CAPABILITIES, type Capability } from "../api/types";

/** Grant another patient account access: who (username or email) and what they may do. */
export function GrantForm() {
  const grant = useGrantProxy();
  const legend = useId();
  const [account, setAccount] = useState("");
  const [chosen, setChosen] = useState<Capability[]>(["appointments"]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label="Grant access to your care"
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setDone(null);
        if (account.trim() === "") {
          setError("Enter their username or email address");
          return;
        }
        if (chosen.length === 0) {
          setError("Choose at least one thing they may do");
          return;
        }
        grant.mutate(
          { account: account.trim(), capabilities: chosen },
          {
            onSuccess: (row) => {
              setDone(`${row.proxy.fullName} was offered access; it starts when they accept it.`);
              setAccount("");
            },
            onError: (failure) => { setError(errorMessage(failure)); },
          },
        );
      }}
    >
      {error !== null && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {done !== null && <p role="status" className="text-sm">{done}</p>}
      <FormField label="Their username or email address" required>
        {(field) => <Input {...field} value={account} onChange={(e) => { setAccount(e.target.value); }} />}
      </FormField>
      <fieldset aria-labelledby={legend} className="grid gap-2">
        <legend id={legend} className="text-sm font-medium">They may</legend>
        {CAPABILITIES.map((item) => (
          <label key={item.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(item.value)}
              onChange={(e) => {
                setChosen(e.target.checked ? [...chosen, item.value] : chosen.filter((c) => c !== item.value));
              }}
            />
            {item.label}
          </label>
        ))}
      </fieldset>
      <Button type="submit" className="justify-self-start" disabled={grant.isPending}>
        Grant access
      </Button>
    </form>
  );
}
