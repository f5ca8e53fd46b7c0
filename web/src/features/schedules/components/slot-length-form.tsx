import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useUpdateSlotMinutes } from "../api/update-slot-minutes";
import { errorMessage } from "@/components/query-state";

/** The doctor's appointment length (PUT /api/user { slotMinutes }, 5–240). */
export function SlotLengthForm({ slotMinutes }: { slotMinutes: number }) {
  const [value, setValue] = useState(String(slotMinutes));
  const [error, setError] = useState<string | undefined>();
  const update = useUpdateSlotMinutes();

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const minutes = Number(value);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 240) {
      setError("Enter a whole number of minutes from 5 to 240.");
      return;
    }
    setError(undefined);
    update.mutate(minutes, {
      onSuccess: (user) => {
        toast({ title: "Slot length saved", description: `${String(user.slotMinutes ?? minutes)} minutes`, variant: "success" });
      },
      onError: (failure) => {
        const message = failure instanceof ApiError ? failure.fieldErrors.slotMinutes : undefined;
        if (message !== undefined) setError(message);
        else toast({ title: "Could not save", description: errorMessage(failure), variant: "destructive" });
      },
    });
  }

  return (
    <section aria-labelledby="slot-length-heading" className="grid gap-3">
      <h2 id="slot-length-heading" className="text-lg font-semibold">
        Appointment length
      </h2>
      <form noValidate onSubmit={onSubmit} className="flex flex-wrap items-start gap-3">
        <FormField label="Slot length (minutes)" description="5 to 240; slots start at each window's start." error={error} className="w-64">
          {(field) => (
            <Input
              type="number"
              min={5}
              max={240}
              step={5}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <Button type="submit" className="mt-14" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save length"}
        </Button>
      </form>
    </section>
  );
}
