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
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";

import { type ManagedSpecialization } from "../api/list-all-specializations";
import { useUpdateSpecialization } from "../api/update-specialization";
import { showServerErrors } from "../form-errors";
import { specializationNameSchema, type SpecializationNameValues } from "../schemas";
import { FormAlert } from "./form-alert";
import { SPECIALIZATION_TAKEN } from "./specialization-messages";

/** A new name for an entry of the list; every doctor who has it shows the new name. */
export function RenameSpecializationDialog({
  entry,
  open,
  onOpenChange,
}: {
  entry: ManagedSpecialization;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const update = useUpdateSpecialization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SpecializationNameValues>({
    resolver: zodResolver(specializationNameSchema),
    values: { name: entry.name },
  });

  const close = (next: boolean) => {
    if (!next) {
      form.reset({ name: entry.name });
      setFormError(null);
    }
    onOpenChange(next);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    update.mutate(
      { id: entry.id, name: values.name },
      {
        onSuccess: (saved) => {
          toast({ title: `Renamed to ${saved.name}`, variant: "success" });
          close(false);
        },
        onError: (error) => {
          setFormError(showServerErrors(error, form.setError, ["name"], { codeFields: SPECIALIZATION_TAKEN }));
        },
      },
    );
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Rename {entry.name}</DialogTitle>
            <DialogDescription>
              {entry.doctorCount === 1
                ? "The doctor who has it shows the new name."
                : `The ${entry.doctorCount} doctors who have it show the new name.`}
            </DialogDescription>
          </DialogHeader>
          {formError !== null && <FormAlert title={formError} />}
          <FormField label="Name" error={form.formState.errors.name?.message} required>
            {(field) => <Input autoComplete="off" {...field} {...form.register("name")} />}
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
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save name"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
