import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";

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
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";

import { useSuspendUser } from "../api/suspend-user";
import { showServerErrors } from "../form-errors";
import { suspendSchema, type SuspendValues } from "../schemas";
import { FormAlert } from "./form-alert";

/** The account being suspended: a doctor on the approvals page or any user on the users page. */
export interface SuspendTarget {
  id: number;
  fullName: string;
  role: string;
}

/**
 * The one confirmation, with a reason, before suspending an account (a destructive action).
 * Both admin pages use it and `POST /api/admin/users/:id/suspend`, so every suspension is in
 * the administrators' action trail.
 */
export function SuspendAccountDialog({
  account,
  open,
  onOpenChange,
}: {
  account: SuspendTarget;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const suspend = useSuspendUser();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SuspendValues>({ resolver: zodResolver(suspendSchema), defaultValues: { reason: "" } });

  const close = (next: boolean) => {
    if (!next) {
      form.reset();
      setFormError(null);
    }
    onOpenChange(next);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    suspend.mutate(
      { id: account.id, reason: values.reason },
      {
        onSuccess: () => {
          toast({
            title: `${account.fullName} is suspended`,
            description: account.role === "doctor" ? "Their sessions ended and they were emailed." : "Their sessions ended.",
          });
          close(false);
        },
        onError: (error) => {
          setFormError(showServerErrors(error, form.setError, ["reason"]));
        },
      },
    );
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Suspend {account.fullName}?</DialogTitle>
            <DialogDescription>
              They are signed out everywhere at once and can no longer sign in.
              {account.role === "doctor" &&
                " A doctor is hidden from patients; their future appointments are cancelled and the patients are emailed."}{" "}
              You can reactivate the account later.
            </DialogDescription>
          </DialogHeader>
          {formError !== null && <FormAlert title={formError} />}
          <FormField
            label="Reason"
            description="Kept on record for administrators."
            error={form.formState.errors.reason?.message}
            required
          >
            {(field) => <Textarea rows={3} maxLength={500} {...field} {...form.register("reason")} />}
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
            <Button type="submit" variant="destructive" disabled={suspend.isPending}>
              {suspend.isPending ? "Suspending…" : "Suspend account"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
