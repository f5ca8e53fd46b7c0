import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useResetUserMfa } from "../api/reset-user-mfa";
import { type AdminUser } from "../api/search-users";
import { formErrorMessage } from "../utils";
import { FormAlert } from "./form-alert";

interface DialogProps {
  user: AdminUser;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The lost-device case: the administrator proves it is them (password and a current code of
 * their own app), then the user's two-factor sign-in is turned off and they are emailed. */
export function ResetMfaDialog({ user, open, onOpenChange }: DialogProps) {
  const reset = useResetUserMfa();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ currentPassword?: string | undefined; code?: string | undefined }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setPassword("");
      setCode("");
      setErrors({});
      setFormError(null);
    }
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const missing = {
      currentPassword: password === "" ? "Enter your password" : undefined,
      code: code.trim() === "" ? "Enter the code from your app" : undefined,
    };
    setErrors(missing);
    if (missing.currentPassword !== undefined || missing.code !== undefined) return;
    reset.mutate(
      { id: user.id, currentPassword: password, code: code.trim() },
      {
        onSuccess: () => {
          toast({
            title: `Two-factor sign-in of ${user.fullName} is reset`,
            description: "They were emailed and signed out; they set it up again at their next sign-in.",
            variant: "success",
          });
          close(false);
        },
        onError: (failure) => {
          const fields = failure instanceof ApiError ? failure.fieldErrors : {};
          if (fields.currentPassword !== undefined || fields.code !== undefined) {
            setErrors({ currentPassword: fields.currentPassword, code: fields.code });
          } else {
            setFormError(formErrorMessage(failure));
          }
        },
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Reset two-factor sign-in of {user.fullName}?</DialogTitle>
            <DialogDescription>
              Only when they lost their device and you have checked who they are. Confirm with your own password and
              a code from your own authenticator app.
            </DialogDescription>
          </DialogHeader>
          {formError !== null && <FormAlert title={formError} />}
          <FormField label="Your password" error={errors.currentPassword} required>
            {(field) => (
              <Input
                {...field}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                }}
              />
            )}
          </FormField>
          <FormField label="Your authentication code" error={errors.code} required>
            {(field) => (
              <Input
                {...field}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(event) => {
                  setCode(event.target.value);
                }}
              />
            )}
          </FormField>
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                close(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={reset.isPending}>
              {reset.isPending ? "Resetting…" : "Reset two-factor sign-in"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
