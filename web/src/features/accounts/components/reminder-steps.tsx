import { useState } from "react";

import { toast } from "@/components/ui/use-toast";

import { useUpdateUser } from "../api/update-user";
import { type User } from "../types";

/** "7d" → "7 days before", "24h" → "24 hours before", "30m" → "30 minutes before". */
export function stepText(step: string): string {
  const amount = Number(step.slice(0, -1));
  const unit = { d: "day", h: "hour", m: "minute" }[step.slice(-1)] ?? "";
  return `${String(amount)} ${unit}${amount === 1 ? "" : "s"} before`;
}

/**
 * Which reminder emails the user gets (the clinic's REMINDER_SCHEDULE). Each box saves at
 * once; confirmations, changes and cancellations are always sent.
 */
export function ReminderSteps({ user }: { user: User }) {
  const update = useUpdateUser();
  const saved = user.reminderSteps.filter((choice) => !choice.enabled).map((choice) => choice.step);
  // The boxes follow a click at once; a failed save puts back what the server holds.
  const [off, setOff] = useState<string[]>(saved);
  if (user.reminderSteps.length === 0) return <p className="text-sm text-muted-foreground">This clinic sends no reminders.</p>;

  function toggle(step: string, enabled: boolean) {
    const next = enabled ? off.filter((name) => name !== step) : [...off, step];
    setOff(next);
    update.mutate(
      { reminderStepsOff: next },
      {
        onSuccess: () => {
          toast({ title: "Reminders saved", variant: "success" });
        },
        onError: () => {
          setOff(saved);
          toast({ title: "Could not save your reminders", variant: "destructive" });
        },
      },
    );
  }

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">Email me a reminder</legend>
      {user.reminderSteps.map((choice) => (
        <label key={choice.step} className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={!off.includes(choice.step)}
            onChange={(event) => {
              toggle(choice.step, event.target.checked);
            }}
          />
          {stepText(choice.step)}
        </label>
      ))}
    </fieldset>
  );
}
