import { CalendarPlus, Download } from "lucide-react";
import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/components/query-state";

import { useAddClosure } from "../api/add-closure";
import { useImportClosures } from "../api/import-closures";
import { formatDate } from "../lib/dates";

type ImportErrors = Partial<Record<"country" | "region" | "year" | "form", string>>;
type AddErrors = Partial<Record<"date" | "name" | "form", string>>;

function problemText(error: unknown): string {
  return error instanceof ApiError ? (error.detail ?? error.title) : errorMessage(error);
}

/** Import a country's (and region's) public holidays of a year as closures. */
export function ImportHolidaysForm({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const importing = useImportClosures();
  const [country, setCountry] = useState("");
  const [region, setRegion] = useState("");
  const [importYear, setImportYear] = useState(String(year));
  const [errors, setErrors] = useState<ImportErrors>({});

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: ImportErrors = {};
    if (!/^[A-Za-z]{2,3}$/.test(country.trim())) found.country = "Enter a country code such as FR or DE.";
    const parsedYear = Number(importYear);
    if (!Number.isInteger(parsedYear) || parsedYear < 2000 || parsedYear > 2199) found.year = "Enter a year.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = { country: country.trim(), year: parsedYear, ...(region.trim() ? { region: region.trim() } : {}) };
    importing.mutate(body, {
      onSuccess: (result) => {
        const added = result.added.length;
        toast({
          title: `${String(added)} ${added === 1 ? "holiday" : "holidays"} added`,
          description:
            result.alreadyClosed > 0 ? `${String(result.alreadyClosed)} already closed, kept as they were.` : undefined,
          variant: "success",
        });
        onYear(parsedYear);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === "unknown_country") setErrors({ country: problemText(error) });
        else if (error instanceof ApiError && error.code === "unknown_region") setErrors({ region: problemText(error) });
        else setErrors({ form: problemText(error) });
      },
    });
  }

  return (
    <Card className="p-4 sm:p-5">
      <h2 className="text-lg font-semibold">Import public holidays</h2>
      <p className="text-sm text-muted-foreground">
        Closes the clinic on every public holiday of a country (and region) that year. Dates already closed are kept.
      </p>
      <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem_auto] sm:items-start">
        <FormField label="Country" description="e.g. FR" error={errors.country} required>
          {(field) => (
            <Input
              autoComplete="off"
              value={country}
              onChange={(event) => {
                setCountry(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="Region (optional)" description="e.g. BL" error={errors.region}>
          {(field) => (
            <Input
              autoComplete="off"
              value={region}
              onChange={(event) => {
                setRegion(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="Year" description="2000–2199" error={errors.year} required>
          {(field) => (
            <Input
              inputMode="numeric"
              value={importYear}
              onChange={(event) => {
                setImportYear(event.target.value.trim());
              }}
              {...field}
            />
          )}
        </FormField>
        <Button type="submit" className="sm:mt-[3.25rem]" disabled={importing.isPending}>
          <Download aria-hidden="true" />
          {importing.isPending ? "Importing…" : "Import holidays"}
        </Button>
        {errors.form !== undefined && (
          <p role="alert" className="text-sm font-medium text-destructive sm:col-span-4">
            {errors.form}
          </p>
        )}
      </form>
    </Card>
  );
}

/** Close the clinic on one date, with a name patients see. */
export function AddClosureForm({ onYear }: { onYear: (year: number) => void }) {
  const add = useAddClosure();
  const [date, setDate] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<AddErrors>({});

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: AddErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = "Choose a date.";
    if (name.trim() === "") found.name = "Enter a name, e.g. Staff training day.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { date, name: name.trim() },
      {
        onSuccess: (closure) => {
          toast({ title: `Closed on ${formatDate(closure.date)}`, variant: "success" });
          setDate("");
          setName("");
          onYear(Number(closure.date.slice(0, 4)));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === "closure_exists") setErrors({ date: problemText(error) });
          else if (error instanceof ApiError && error.fieldErrors.name) setErrors({ name: error.fieldErrors.name });
          else setErrors({ form: problemText(error) });
        },
      },
    );
  }

  return (
    <Card className="p-4 sm:p-5">
      <h2 className="text-lg font-semibold">Close on a date</h2>
      <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
        <FormField label="Date" error={errors.date} required>
          {(field) => (
            <Input
              type="date"
              value={date}
              onChange={(event) => {
                setDate(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="Name" error={errors.name} required>
          {(field) => (
            <Input
              autoComplete="off"
              maxLength={120}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <Button type="submit" className="sm:mt-7" disabled={add.isPending}>
          <CalendarPlus aria-hidden="true" />
          {add.isPending ? "Adding…" : "Add closure"}
        </Button>
        {errors.form !== undefined && (
          <p role="alert" className="text-sm font-medium text-destructive sm:col-span-3">
            {errors.form}
          </p>
        )}
      </form>
    </Card>
  );
}
