import { useState, type ReactElement } from "react";
import { useForm } from "react-hook-form";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";
import { applyFieldErrors } from "@/lib/form-errors";

import { useAddChartEntry } from "../../api/add-chart-entry";
import { useAmendChartEntry } from "../../api/amend-chart-entry";
import { type AllergyWarning, type ChartEntry, type ChartListName, type ChartListTypes } from "../../api/types";
import { fieldText, LISTS, type FieldSpec } from "./chart-fields";
import { instantToWallClock, wallClockToInstant } from "./chart-time";

type Values = Record<string, string>;

function initialValues(list: ChartListName, entry: ChartEntry | undefined, timeZone: string): Values {
  const spec = LISTS[list];
  const values: Values = { status: entry?.status ?? spec.statuses[0]?.value ?? "", reason: "" };
  for (const field of spec.fields) {
    const value = entry === undefined ? "" : fieldText(entry, field.name);
    values[field.name] =
      field.kind === "datetime" ? instantToWallClock(value === "" ? new Date() : value, timeZone) : value;
  }
  return values;
}

function toBody(fields: readonly FieldSpec[], values: Values, timeZone: string, amending: boolean) {
  const body: Record<string, unknown> = { status: values.status };
  for (const field of fields) {
    const raw = (values[field.name] ?? "").trim();
    if (raw === "") {
      if (amending) body[field.name] = null;
      continue;
    }
    body[field.name] =
      field.kind === "number" ? Number(raw) : field.kind === "datetime" ? wallClockToInstant(raw, timeZone) : raw;
  }
  return body;
}

/**
 * "Add allergy" / "Amend allergy" (any chart list): the list's fields, its status, and for an
 * amendment the reason. A write that names an active allergy hands its warnings to `onWarnings`.
 */
export function ChartEntryDialog({
  patientId,
  list,
  entry,
  timeZone,
  onWarnings,
  children,
}: {
  patientId: number;
  list: ChartListName;
  entry?: ChartEntry;
  timeZone: string;
  onWarnings: (warnings: AllergyWarning[]) => void;
  children: ReactElement;
}) {
  const spec = LISTS[list];
  const amending = entry !== undefined;
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const add = useAddChartEntry(patientId, list);
  const amend = useAmendChartEntry(patientId, list);
  const form = useForm<Values>({ values: initialValues(list, entry, timeZone) });
  const { errors, isSubmitting } = form.formState;
  const names = [...spec.fields.map((f) => f.name), "status", "reason"];

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const body = toBody(spec.fields, values, timeZone, amending);
    try {
      const written = amending
        ? await amend.mutateAsync({
            itemId: entry.id,
            baseVersion: entry.version,
            reason: values.reason ?? "",
            ...body,
          })
        : await add.mutateAsync(body as ChartListTypes[typeof list]["create"]);
      onWarnings(written.warnings ?? []);
      toast({ title: amending ? "Entry amended" : "Entry added", variant: "success" });
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === "version_conflict") {
        setFormError("Someone amended this entry meanwhile. Close this dialog and open it again.");
        return;
      }
      const rest = applyFieldErrors(error, form.setError, names);
      setFormError(rest === null ? "The entry could not be saved." : rest.length > 0 ? rest.join("; ") : null);
    }
  });

  const title = `${amending ? "Amend" : "Add"} ${spec.one}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {amending
              ? `Version ${String(entry.version)} stays in the history. Nothing is deleted: choose "Entered in error" to withdraw it.`
              : "Fields marked * are required."}
          </DialogDescription>
        </DialogHeader>
        <form noValidate aria-label={title} onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          {formError !== null && (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            {spec.fields.map((field) => (
              <FormField
                key={field.name}
                label={field.unit ? `${field.label} (${field.unit})` : field.label}
                description={field.hint}
                error={errors[field.name]?.message}
                required={field.required}
              >
                {(control) =>
                  field.kind === "select" ? (
                    <NativeSelect {...control} {...form.register(field.name)}>
                      <option value="">Not recorded</option>
                      {field.options?.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : (
                    <Input
                      {...control}
                      type={field.kind === "datetime" ? "datetime-local" : field.kind}
                      step={field.step}
                      inputMode={field.kind === "number" ? "decimal" : undefined}
                      {...form.register(field.name, {
                        validate: (value) => !field.required || value.trim() !== "" || "Required",
                      })}
                    />
                  )
                }
              </FormField>
            ))}
            <FormField label="Status" error={errors.status?.message}>
              {(control) => (
                <NativeSelect {...control} {...form.register("status")}>
                  {spec.statuses.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </FormField>
          </div>
          {amending && (
            <FormField label="Reason for the change" error={errors.reason?.message} required>
              {(control) => (
                <Input
                  {...control}
                  {...form.register("reason", {
                    validate: (value) => value.trim() !== "" || "Say why you change this entry",
                  })}
                />
              )}
            </FormField>
          )}
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              {amending ? "Save amendment" : title}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
