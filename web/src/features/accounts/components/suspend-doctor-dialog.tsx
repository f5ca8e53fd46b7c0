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

import { useSuspendDoctor } from "../api/suspend-doctor";
import { showServerErrors } from "../form-errors";
import { suspendSchema, type SuspendValues } from "../schemas";
import { type User } from "../types";
import { FormAlert } from "./form-alert";

/** Confirmation with a reason before suspending a doctor (a destructive action). */
export function SuspendDoctorDialog({
  doctor,
  open,
  onOpenChange,
}: {
  doctor: User;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const suspend = useSuspendDoctor();
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
      { id: doctor.id, reason: values.reason },
      {
        onSuccess: () => {
          toast({ title: `${doctor.fullName} is suspended`, description: "They have been notified by email." });
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
            <DialogTitle>Suspend {doctor.fullName}?</DialogTitle>
            <DialogDescription>
              They are logged out at once and hidden from patients. Their future appointments are cancelled and the
              patients are emailed. You can reinstate them later.
            </DialogDescription>
          </DialogHeader>
          {formError !== null && <FormAlert title={formError} />}
          <FormField
            label="Reason"
            description="Kept on record for administrators; not sent to the doctor."
            error={form.formState.errors.reason?.message}
            required
          >
            {(field) => <Textarea rows={3} {...field} {...form.register("reason")} />}
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
              {suspend.isPending ? "Suspending…" : "Suspend doctor"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
