import { zodResolver } from "@hookform/resolvers/zod";
import { Stethoscope, UserRound } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link, useLocation, useSearchParams } from "wouter";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

import { useRegister, type RegisterInput } from "../api/register";
import { AuthLayout } from "../components/auth-layout";
import { FormAlert } from "../components/form-alert";
import { PasswordInput } from "../components/password-input";
import { SlotMinutesSelect } from "../components/slot-minutes-select";
import { SpecializationSelect } from "../components/specialization-select";
import { TimeZoneSelect } from "../components/time-zone-select";
import { showServerErrors } from "../form-errors";
import { registerSchema, type RegisterValues } from "../schemas";
import { homePathFor } from "../types";
import { browserTimeZone, safeNextPath } from "../utils";

const FIELDS = [
  "role",
  "fullName",
  "email",
  "username",
  "password",
  "timezone",
  "specialization",
  "slotMinutes",
] as const satisfies readonly (keyof RegisterValues)[];

const ROLES = [
  { value: "patient", label: "Patient", hint: "Book appointments and keep your records", icon: UserRound },
  { value: "doctor", label: "Doctor", hint: "Offer appointments and care for patients", icon: Stethoscope },
] as const;

function toRequest(values: RegisterValues): RegisterInput {
  const { specialization, slotMinutes, ...rest } = values;
  if (values.role === "patient") return rest;
  return {
    ...rest,
    specializationId: Number(specialization),
    ...(slotMinutes !== "" && { slotMinutes: Number(slotMinutes) }),
  };
}

/** `notice`: shown above the form (the app adds what the guest was doing, e.g. a booking).
 * `?next=` (a path on this site): where the new user goes instead of their dashboard. */
export function RegisterPage({ notice }: { notice?: ReactNode } = {}) {
  const [, navigate] = useLocation();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const register = useRegister();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    mode: "onTouched",
    defaultValues: {
      role: "patient",
      fullName: "",
      email: "",
      username: "",
      password: "",
      timezone: browserTimeZone(),
      specialization: "",
      slotMinutes: "",
    },
  });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: "role" });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    register.mutate(toRequest(values), {
      onSuccess: (user) => {
        navigate(next ?? homePathFor(user.role), { replace: true });
      },
      onError: (error) => {
        setFormError(
          showServerErrors(error, form.setError, FIELDS, {
            codeFields: {
              username_taken: { field: "username", message: "That username is taken. Try another one." },
              email_taken: {
                field: "email",
                message: "An account with this email already exists. Log in or reset your password.",
              },
              unknown_specialization: {
                field: "specialization",
                message: "This specialization is no longer offered. Choose another one.",
              },
            },
          }),
        );
      },
    });
  });

  return (
    <AuthLayout
      wide
      title="Create your account"
      description="It takes a minute. You will be logged in right away."
      footer={
        <>
          Already have an account?{" "}
          <Link href={next === null ? "/login" : `/login?next=${encodeURIComponent(next)}`} className="font-medium text-primary underline-offset-4 hover:underline">
            Log in
          </Link>
        </>
      }
    >
      {notice}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
        {formError !== null && <FormAlert title="Your account could not be created">{formError}</FormAlert>}
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">I am a</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {ROLES.map(({ value, label, hint, icon: Icon }) => (
              <label
                key={value}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-lg border p-4 transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/60",
                  role === value ? "border-primary bg-accent" : "hover:bg-muted",
                )}
              >
                <input type="radio" value={value} className="mt-1 accent-primary" {...form.register("role")} />
                <span className="grid gap-0.5">
                  <span className="flex items-center gap-2 font-medium">
                    <Icon className="size-4 text-primary" aria-hidden="true" />
                    {label}
                  </span>
                  <span className="text-sm text-muted-foreground">{hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <FormField label="Full name" error={errors.fullName?.message} required>
          {(field) => <Input autoComplete="name" {...field} {...form.register("fullName")} />}
        </FormField>
        <FormField label="Email" error={errors.email?.message} required>
          {(field) => <Input type="email" autoComplete="email" {...field} {...form.register("email")} />}
        </FormField>
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField
            label="Username"
            description="3–32 letters, digits, dots, dashes or underscores."
            error={errors.username?.message}
            required
          >
            {(field) => (
              <Input
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                {...field}
                {...form.register("username")}
              />
            )}
          </FormField>
          <FormField
            label="Password"
            description="At least 8 characters; not a common password."
            error={errors.password?.message}
            required
          >
            {(field) => <PasswordInput autoComplete="new-password" {...field} {...form.register("password")} />}
          </FormField>
        </div>
        <FormField
          label="Time zone"
          description="Appointment times are shown in this zone."
          error={errors.timezone?.message}
          required
        >
          {(field) => <TimeZoneSelect current={form.getValues("timezone")} {...field} {...form.register("timezone")} />}
        </FormField>

        {role === "doctor" && (
          <div className="grid gap-5 rounded-lg border bg-muted/40 p-4 sm:grid-cols-2">
            <FormField
              label="Specialization"
              description="Yours is missing? The clinic's administrator adds it."
              error={errors.specialization?.message}
              required
            >
              {(field) => <SpecializationSelect {...field} {...form.register("specialization")} />}
            </FormField>
            <FormField label="Appointment length" error={errors.slotMinutes?.message}>
              {(field) => <SlotMinutesSelect {...field} {...form.register("slotMinutes")} />}
            </FormField>
            <p className="text-sm text-muted-foreground sm:col-span-2">
              Patients can find and book you once an administrator has approved your account.
            </p>
          </div>
        )}

        <Button type="submit" size="lg" disabled={register.isPending}>
          {register.isPending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </AuthLayout>
  );
}
