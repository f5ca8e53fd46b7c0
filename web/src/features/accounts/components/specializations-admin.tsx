import { zodResolver } from "@hookform/resolvers/zod";
import { Archive, ArchiveRestore, Pencil, Plus, Tags } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";

import { EmptyState } from "@/components/empty-state";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";

import { useCreateSpecialization } from "../api/create-specialization";
import { type ManagedSpecialization, useAllSpecializations } from "../api/list-all-specializations";
import { useUpdateSpecialization } from "../api/update-specialization";
import { showServerErrors } from "../form-errors";
import { specializationNameSchema, type SpecializationNameValues } from "../schemas";
import { formErrorMessage } from "../utils";
import { FormAlert } from "./form-alert";
import { RenameSpecializationDialog } from "./rename-specialization-dialog";
import { SPECIALIZATION_TAKEN } from "./specialization-messages";

function AddSpecializationForm() {
  const create = useCreateSpecialization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SpecializationNameValues>({
    resolver: zodResolver(specializationNameSchema),
    defaultValues: { name: "" },
  });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(values, {
      onSuccess: (entry) => {
        form.reset({ name: "" });
        toast({ title: `${entry.name} added`, description: "Doctors can pick it now.", variant: "success" });
      },
      onError: (error) => {
        setFormError(showServerErrors(error, form.setError, ["name"], { codeFields: SPECIALIZATION_TAKEN }));
      },
    });
  });

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-3">
      {formError !== null && <FormAlert title={formError} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <FormField className="flex-1" label="New specialization" error={form.formState.errors.name?.message}>
          {(field) => <Input autoComplete="off" placeholder="e.g. Neurology" {...field} {...form.register("name")} />}
        </FormField>
        <Button type="submit" className="sm:mt-7" disabled={create.isPending}>
          <Plus aria-hidden="true" />
          {create.isPending ? "Adding…" : "Add"}
        </Button>
      </div>
    </form>
  );
}

function SpecializationRow({ entry }: { entry: ManagedSpecialization }) {
  const update = useUpdateSpecialization();
  const [renameOpen, setRenameOpen] = useState(false);
  const doctors = entry.doctorCount === 1 ? "1 doctor" : `${entry.doctorCount} doctors`;

  const setActive = (active: boolean) => {
    update.mutate(
      { id: entry.id, active },
      {
        onSuccess: () => {
          toast({
            title: active ? `${entry.name} is offered again` : `${entry.name} is retired`,
            description: active
              ? "Doctors can pick it and patients can filter by it."
              : "It is no longer offered; doctors who have it keep it.",
            variant: "success",
          });
        },
        onError: (error) => {
          toast({ title: "Could not change it", description: formErrorMessage(error), variant: "destructive" });
        },
      },
    );
  };

  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <span className="font-medium break-words">{entry.name}</span>
        {!entry.active && <Badge variant="secondary">Retired</Badge>}
        <span className="text-sm text-muted-foreground">{doctors}</span>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button
          variant="outline"
          size="sm"
          aria-label={`Rename ${entry.name}`}
          onClick={() => {
            setRenameOpen(true);
          }}
        >
          <Pencil aria-hidden="true" />
          Rename
        </Button>
        <Button
          variant="outline"
          size="sm"
          aria-label={`${entry.active ? "Retire" : "Reinstate"} ${entry.name}`}
          disabled={update.isPending}
          onClick={() => {
            setActive(!entry.active);
          }}
        >
          {entry.active ? <Archive aria-hidden="true" /> : <ArchiveRestore aria-hidden="true" />}
          {entry.active ? "Retire" : "Reinstate"}
        </Button>
      </div>
      <RenameSpecializationDialog entry={entry} open={renameOpen} onOpenChange={setRenameOpen} />
    </li>
  );
}

/** The admin's section for the clinic's list of specializations: add, rename, retire, reinstate. */
export function SpecializationsAdmin() {
  const entries = useAllSpecializations();

  let list;
  if (entries.isPending) {
    list = <ListSkeleton label="Loading specializations" />;
  } else if (entries.isError) {
    list = (
      <QueryError
        title="The specializations could not be loaded"
        error={entries.error}
        onRetry={() => void entries.refetch()}
      />
    );
  } else if (entries.data.length === 0) {
    list = (
      <EmptyState
        icon={Tags}
        title="No specializations yet"
        description="Add the clinic's specializations: doctors pick theirs from this list when they register."
      />
    );
  } else {
    list = (
      <Card className="gap-0 py-0">
        <ul className="divide-y" aria-label="Specializations">
          {entries.data.map((entry) => (
            <SpecializationRow key={entry.id} entry={entry} />
          ))}
        </ul>
      </Card>
    );
  }

  return (
    <section aria-labelledby="specializations-title" className="mt-10 grid gap-4">
      <div>
        <h2 id="specializations-title" className="text-lg font-semibold tracking-tight">
          Specializations
        </h2>
        <p className="text-sm text-muted-foreground">
          Doctors pick theirs from this list and patients filter by it. A retired one is no longer offered; doctors who
          have it keep it.
        </p>
      </div>
      <AddSpecializationForm />
      {list}
    </section>
  );
}
