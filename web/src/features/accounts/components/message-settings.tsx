import { useId } from "react";

import { toast } from "@/components/ui/use-toast";

import { useUpdateUser } from "../api/update-user";
import { type User } from "../types";

function Choice({
  label,
  description,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  description: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        className="mt-1 size-4 accent-primary"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-description`}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <div className="grid gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
      </div>
    </div>
  );
}

/** A doctor's message choices: whether patients in their care may write to them, and one
 * email per message or one daily digest. Each change is saved at once (PUT /api/user). */
export function MessageSettings({ user }: { user: User }) {
  const update = useUpdateUser();
  const save = (change: { acceptsMessages?: boolean; messageDigest?: boolean }) => {
    update.mutate(change, {
      onSuccess: () => {
        toast({ title: "Message settings saved", variant: "success" });
      },
      onError: () => {
        toast({ title: "Could not save", description: "Try again in a moment.", variant: "destructive" });
      },
    });
  };
  return (
    <div className="grid gap-4">
      <Choice
        label="Accept messages from my patients"
        description="Patients with an appointment with you can write to you. Each new conversation gets an automatic reply with your usual response time and the emergency number."
        checked={user.acceptsMessages}
        disabled={update.isPending}
        onChange={(checked) => {
          save({ acceptsMessages: checked });
        }}
      />
      <Choice
        label="One email a day instead of one per message"
        description="A daily summary with the number of new messages, in the morning on your clock. Emails never contain the messages."
        checked={user.messageDigest}
        disabled={update.isPending}
        onChange={(checked) => {
          save({ messageDigest: checked });
        }}
      />
    </div>
  );
}
