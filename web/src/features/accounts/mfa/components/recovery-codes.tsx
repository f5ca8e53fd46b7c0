import { Copy, Download } from "lucide-react";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";

import { FormAlert } from "../../components/form-alert";

function asText(codes: readonly string[], username: string): string {
  return [`Clinic360 recovery codes for ${username}`, "Each code signs you in once.", "", ...codes, ""].join("\n");
}

/**
 * The recovery codes, right after enrolment: the only time they are shown. Copy or
 * download them, then `onDone`.
 */
export function RecoveryCodes({
  codes,
  username,
  onDone,
}: {
  codes: readonly string[];
  username: string;
  onDone: () => void;
}) {
  const text = asText(codes, username);

  return (
    <div className="grid gap-5">
      <FormAlert title="Two-factor authentication is on" variant="default">
        Save these recovery codes now: they are shown only once. If you lose your phone, each code lets you log
        in one time instead of a code from the app.
      </FormAlert>
      <ul
        aria-label="Recovery codes"
        className="grid gap-x-6 gap-y-1.5 rounded-lg border bg-muted/40 p-4 font-mono text-sm sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          onClick={() => {
            navigator.clipboard.writeText(text).then(
              () => {
                toast({ title: "Recovery codes copied", variant: "success" });
              },
              () => {
                toast({ title: "Could not copy", description: "Select the codes and copy them yourself.", variant: "destructive" });
              },
            );
          }}
        >
          <Copy aria-hidden="true" />
          Copy
        </Button>
        <Button asChild variant="outline">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="clinic360-recovery-codes.txt">
            <Download aria-hidden="true" />
            Download
          </a>
        </Button>
        <Button type="button" className="sm:ml-auto" onClick={onDone}>
          I have saved my recovery codes
        </Button>
      </div>
    </div>
  );
}
