import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useUpdateUser } from "../api/update-user";
import { type User } from "../types";

/** The message of a failed save of the mobile number (422 `invalid_phone` says why). */
export function phoneErrorMessage(error: unknown): string {
  if (error instanceof ApiError && (error.code === "invalid_phone" || error.code === "validation_error")) {
    return error.detail ?? "Check the number.";
  }
  return "Could not save. Try again.";
}

/**
 * A patient's mobile number and whether reminders also come by text message. The number is
 * stored in international form (E.164); a text says only the clinic, the date and time, and
 * the link to manage the appointment.
 */
export function TextMessages({ user }: { user: User }) {
  const update = useUpdateUser();
  const [phone, setPhone] = useState(user.mobilePhone ?? "");
  const [error, setError] = useState<string | undefined>(undefined);

  function save(event: SyntheticEvent) {
    event.preventDefault();
    setError(undefined);
    update.mutate(
      { mobilePhone: phone.trim() },
      {
        onSuccess: (saved) => {
          setPhone(saved.mobilePhone ?? "");
          toast({ title: saved.mobilePhone ? "Mobile number saved" : "Mobile number removed", variant: "success" });
        },
        onError: (failure) => {
          setError(phoneErrorMessage(failure));
        },
      },
    );
  }

  function toggle(enabled: boolean) {
    update.mutate(
      { smsReminders: enabled },
      {
        onSuccess: () => {
          toast({ title: enabled ? "Text reminders on" : "Text reminders off", variant: "success" });
        },
        onError: (failure) => {
          toast({ title: "Could not save", description: phoneErrorMessage(failure), variant: "destructive" });
        },
      },
    );
  }

  return (
    <div className="grid gap-4">
      <form className="grid gap-3" onSubmit={save} noValidate>
        <FormField
          label="Mobile number"
          error={error}
          description="With the country code, e.g. +49 151 2345678. Leave empty to remove it."
        >
          {(field) => (
            <Input
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              maxLength={40}
              value={phone}
              onChange={(event) => {
                setPhone(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <div>
          <Button type="submit" variant="outline" disabled={update.isPending}>
            Save number
          </Button>
        </div>
      </form>
      <label className="flex items-center gap-3 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={user.smsReminders}
          disabled={user.mobilePhone === null || update.isPending}
          onChange={(event) => {
            toggle(event.target.checked);
          }}
        />
        Also send my reminders by text message
      </label>
    </div>
  );
}
