import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound } from "lucide-react";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link } from "wouter";

import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";

import { useCurrentUser } from "@/features/accounts";
import { useUpdateUser, type UpdateUserInput } from "../api/update-user";
import { DoctorPublicProfile } from "../components/doctor-public-profile";
import { ReminderSteps } from "../components/reminder-steps";
import { TextMessages } from "../components/text-messages";
import { FormAlert } from "../components/form-alert";
import { MessageSettings } from "../components/message-settings";
import { TwoFactorSettings } from "../mfa";
import { PasswordInput } from "../components/password-input";
import { SlotMinutesSelect } from "../components/slot-minutes-select";
import { SpecializationSelect } from "../components/specialization-select";
import { TimeZoneSelect } from "../components/time-zone-select";
import { showServerErrors } from "../form-errors";
import { profileSchema, SLOT_MINUTES_CHOICES, type ProfileValues } from "../schemas";
import { ROLE_LABEL, type User } from "../types";

const FIELDS = [
  "fullName",
  "email",
  "currentPassword",
  "timezone",
  "specialization",
  "slotMinutes",
] as const satisfies readonly (keyof ProfileValues)[];

function valuesOf(user: User): ProfileValues {
  const slot = String(user.slotMinutes ?? "");
  return {
    fullName: user.fullName,
    email: user.email,
    currentPassword: "",
    timezone: user.timezone,
    specialization: user.specializationId === null ? "" : String(user.specializationId),
    slotMinutes: (SLOT_MINUTES_CHOICES as readonly string[]).includes(slot)
      ? (slot as ProfileValues["slotMinutes"])
      : "",
  };
}

function toRequest(values: ProfileValues, user: User): UpdateUserInput {
  const request: UpdateUserInput = { fullName: values.fullName, timezone: values.timezone };
  if (values.email.toLowerCase() !== user.email.toLowerCase()) {
    request.email = values.email;
    request.currentPassword = values.currentPassword;
  }
  if (user.role === "doctor") {
    request.specializationId = Number(values.specialization);
    if (values.slotMinutes !== "") request.slotMinutes = Number(values.slotMinutes);
  }
  return request;
}

function ProfileForm({ user }: { user: User }) {
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const isDoctor = user.role === "doctor";
  const schema = useMemo(() => profileSchema({ isDoctor, currentEmail: user.email }), [isDoctor, user.email]);
  const form = useForm<ProfileValues>({ resolver: zodResolver(schema), defaultValues: valuesOf(user) });
  const { errors, isDirty } = form.formState;
  const email = useWatch({ control: form.control, name: "email" });
  const emailChanged = email.toLowerCase() !== user.email.toLowerCase();

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    update.mutate(toRequest(values, user), {
      onSuccess: (saved) => {
        form.reset(valuesOf(saved));
        toast({ title: "Profile saved", variant: "success" });
      },
      onError: (error) => {
        setFormError(
          showServerErrors(error, form.setError, FIELDS, {
            codeFields: {
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
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
      {formError !== null && <FormAlert title="Your profile could not be saved">{formError}</FormAlert>}
      <FormField label="Full name" error={errors.fullName?.message} required>
        {(field) => <Input autoComplete="name" {...field} {...form.register("fullName")} />}
      </FormField>
      <FormField
        label="Email"
        description="We send a notice to your old address when it changes."
        error={errors.email?.message}
        required
      >
        {(field) => <Input type="email" autoComplete="email" {...field} {...form.register("email")} />}
      </FormField>
      {emailChanged && (
        <FormField
          label="Current password"
          description="Confirm the change of email with your password."
          error={errors.currentPassword?.message}
          required
        >
          {(field) => (
            <PasswordInput autoComplete="current-password" {...field} {...form.register("currentPassword")} />
          )}
        </FormField>
      )}
      <FormField
        label="Time zone"
        description="Dates and times are shown in this zone."
        error={errors.timezone?.message}
        required
      >
        {(field) => <TimeZoneSelect current={user.timezone} {...field} {...form.register("timezone")} />}
      </FormField>
      {isDoctor && (
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField label="Specialization" error={errors.specialization?.message} required>
            {(field) => (
              <SpecializationSelect
                current={
                  user.specializationId === null || user.specialization === null
                    ? null
                    : { id: user.specializationId, name: user.specialization }
                }
                {...field}
                {...form.register("specialization")}
              />
            )}
          </FormField>
          <FormField
            label="Appointment length"
            description="New free slots use this length."
            error={errors.slotMinutes?.message}
          >
            {(field) => <SlotMinutesSelect {...field} {...form.register("slotMinutes")} />}
          </FormField>
        </div>
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
        <Button
          type="button"
          variant="outline"
          disabled={!isDirty || update.isPending}
          onClick={() => {
            setFormError(null);
            form.reset(valuesOf(user));
          }}
        >
          Discard changes
        </Button>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return (
    <>
      <title>Profile · Clinic360</title>
      <PageHeader title="Profile" description="Your details and how Clinic360 shows times to you." />
      <div className="grid max-w-3xl gap-6">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Account</CardTitle>
            <CardDescription className="flex flex-wrap items-center gap-2">
              <span>
                Username <strong className="font-medium text-foreground">{user.username}</strong>
              </span>
              <Badge variant="secondary">{ROLE_LABEL[user.role]}</Badge>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm key={user.id} user={user} />
          </CardContent>
        </Card>
        {user.role === "doctor" && (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Public profile</CardTitle>
              <CardDescription>What patients see on your page: your address, languages and bio.</CardDescription>
            </CardHeader>
            <CardContent>
              <DoctorPublicProfile key={user.id} user={user} />
            </CardContent>
          </Card>
        )}
        {user.role === "doctor" && (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Messages</CardTitle>
              <CardDescription>Whether your patients can write to you, and how you hear about it.</CardDescription>
            </CardHeader>
            <CardContent>
              <MessageSettings user={user} />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle as="h2">Reminders</CardTitle>
            <CardDescription>
              Reminder emails before each appointment. Confirmations, changes and cancellations are always sent.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ReminderSteps user={user} />
          </CardContent>
        </Card>
        {user.role === "patient" && (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Text messages</CardTitle>
              <CardDescription>
                Reminders by SMS as well: they say only the clinic, the date and time, and a link to manage the appointment.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <TextMessages user={user} />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle as="h2">Password</CardTitle>
            <CardDescription>Changing it logs out your other devices.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/profile/password">
                <KeyRound aria-hidden="true" />
                Change password
              </Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Connected apps</CardTitle>
            <CardDescription>Apps you allowed to use your account, and revoking them.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/profile/apps">Connected apps</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Two-factor authentication</CardTitle>
            <CardDescription>
              {user.mfaRequired
                ? "Required for your account: a code from your phone as well as your password."
                : "Optional: ask for a code from your phone as well as your password when you log in."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <TwoFactorSettings user={user} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
