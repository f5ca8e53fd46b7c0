import { CalendarCheck } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Link, useParams, useSearch } from "wouter";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageLoading } from "@/components/page-loading";
import { formatClinicTime } from "@/lib/format";

import { useBookAppointment } from "../api/book-appointment";
import { browserTimeZone, homePathFor, useCurrentUser } from "@/features/accounts";
import { ActingForSelect } from "@/features/family";
import { CHANNEL_LABELS, type Slot, type VisitType, useDoctor, useDoctorVisitTypes } from "@/features/schedules";
import { type Appointment } from "../api/types";
import { bookingIntentFor, clearBookingIntent } from "../components/booking-intent";
import { useReasonInHistory, useStepNavigation } from "../components/booking-history";
import { AttendanceNotice } from "../components/attendance-notice";
import { ConfirmStep } from "../components/confirm-step";
import { SignInToBook } from "../components/sign-in-to-book";
import { SlotPicker } from "../components/slot-picker";
import { VisitTypeChoice } from "../components/visit-type-choice";
import { StatusBadge } from "../components/status-badge";
import { AddToCalendar } from "../components/add-to-calendar";
import { appointmentPath } from "../calendar-links";
import { statusExplanation } from "../status";

type Step = "type" | "slot" | "reason" | "confirm";
const STEPS: { id: Step; label: string }[] = [
  { id: "type", label: "Visit type" },
  { id: "slot", label: "Day and time" },
  { id: "reason", label: "Reason" },
  { id: "confirm", label: "Confirm" },
];
const MAX_REASON = 500;

/** `?start=<instant>` picks that slot (its length is the visit type's). */
function slotFromQuery(query: URLSearchParams, visitType: VisitType | undefined): Slot | null {
  const start = query.get("start");
  if (start === null || visitType === undefined) return null;
  const ms = Date.parse(start);
  if (Number.isNaN(ms) || ms <= Date.now()) return null;
  const iso = (value: number) => new Date(value).toISOString().replace(".000Z", "Z");
  return { startTime: iso(ms), endTime: iso(ms + visitType.durationMinutes * 60_000) };
}

/**
 * The visit type being booked: `?type=<id>` when the patient picked one of several; otherwise
 * the only one offered, or the default type when a time was already picked (the doctor page
 * offers the default type's times). None: the patient has to pick.
 */
function chosenType(query: URLSearchParams, offered: VisitType[]): VisitType | undefined {
  const picked = offered.find((type) => String(type.id) === query.get("type"));
  if (picked) return picked;
  if (offered.length === 1 || query.has("start")) return offered.find((type) => type.isDefault) ?? offered[0];
  return undefined;
}

/**
 * The URL of one step: the visit type (when the patient chose among several), the slot and the
 * step are in the query, so each step is a history entry.
 */
function stepHref(doctorId: number, type: number | null, slot: Slot | null, step: Step | "booked" = "slot"): string {
  const query = new URLSearchParams(slot ? { start: slot.startTime, end: slot.endTime } : {});
  if (type !== null) query.set("type", String(type));
  if (step !== "slot") query.set("step", step);
  const text = query.toString();
  return `/book/${String(doctorId)}${text ? `?${text}` : ""}`;
}

/**
 * Patient booking: doctor → visit type (when several are offered) → day → time → reason →
 * confirm → confirmation screen. A guest goes as far as the confirm step (visit type and time
 * picked, both in the URL), which asks them to log in or register and brings them back to it
 * (`SignInToBook`, `booking-intent.ts`); a doctor or admin is told they cannot book.
 */
export function BookPage() {
  const { doctorId: rawId } = useParams<{ doctorId: string }>();
  const doctorId = /^\d+$/.test(rawId) ? Number(rawId) : 0;
  const search = useSearch();
  const user = useCurrentUser();
  const doctor = useDoctor(doctorId);
  const visitTypes = useDoctorVisitTypes(doctorId);
  const book = useBookAppointment();
  const steps = useStepNavigation();
  const query = new URLSearchParams(search);
  const [reason, setReason] = useReasonInHistory(
    search,
    bookingIntentFor(doctorId, query.get("start") ?? undefined)?.reason,
  );
  const [booked, setBooked] = useState<Appointment | null>(null);
  // Who the visit is for: me, or someone I act for (family access; the server checks it).
  const [actingFor, setActingFor] = useState<number | null>(null);
  const reasonId = useId();
  const offered = visitTypes.data ?? [];
  const choosing = offered.length > 1;
  const visitType = chosenType(query, offered);
  // Only a choice among several goes into the URL (one type: the links stay as they were).
  const typeInUrl = choosing && visitType ? visitType.id : null;
  // Named to the server only when it is not the default it would take anyway.
  const namedType = visitType && (choosing || !visitType.isDefault) ? visitType.id : undefined;
  const signedIn = Boolean(user.data);
  // Signed in now: the reason a guest carried is in this entry (above); the tab forgets it.
  useEffect(() => {
    if (signedIn) clearBookingIntent();
  }, [signedIn]);
  const slot = slotFromQuery(query, visitType);
  const asked = query.get("step");
  const step: Step | "booked" =
    asked === "booked" && booked
      ? "booked"
      : visitType === undefined
        ? "type"
        : slot && (asked === "reason" || asked === "confirm")
          ? asked
          : "slot";
  const href = (target: Slot | null, to: Step | "booked" = "slot") => stepHref(doctorId, typeInUrl, target, to);
  // Each step replaces the button just pressed (or the page Back/Forward left): move the focus to
  // the new step's heading, so keyboard and screen reader users go on from there.
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The first step shown once everything is loaded keeps the focus where it is.
  const ready = !user.isPending && !doctor.isPending && !visitTypes.isPending;
  const shownStep = useRef<Step | "booked" | null>(null);
  useEffect(() => {
    if (!ready || shownStep.current === step) return;
    const first = shownStep.current === null;
    shownStep.current = step;
    if (!first) headingRef.current?.focus();
  }, [step, ready]);

  if (user.isPending || (doctorId > 0 && (doctor.isPending || visitTypes.isPending))) return <PageLoading />;
  if (doctorId === 0 || doctor.isError || !doctor.data) {
    return <Notice title="Doctor not found">This doctor does not exist or cannot be booked.</Notice>;
  }
  if (user.data && user.data.role !== "patient") {
    return (
      <Notice title="Only patients book appointments">
        You are signed in as {user.data.role === "admin" ? "an administrator" : "a doctor"}, so nothing was booked. To book this time,
        log out and sign in with a patient account.{" "}
        <Link href={homePathFor(user.data.role)} className="font-medium text-primary underline-offset-4 hover:underline">
          Go to your dashboard
        </Link>
      </Notice>
    );
  }
  if (offered.length === 0) {
    return <Notice title="Not bookable online">This doctor offers no visits to book online. Contact the clinic.</Notice>;
  }
  const zone = user.data?.timezone ?? browserTimeZone();
  const clinicZone = doctor.data.timezone;

  function submit(target: Slot) {
    if (target.startTime !== slot?.startTime) steps.replace(href(target, "confirm"));
    book.book(
      {
        doctorId,
        visitTypeId: namedType,
        startTime: target.startTime,
        endTime: target.endTime,
        reason: reason.trim() || undefined,
        patientId: actingFor !== null && actingFor !== user.data?.id ? actingFor : undefined,
      },
      {
        onSuccess: (appointment) => {
          setBooked(appointment);
          setReason("");
          clearBookingIntent();
          steps.replace(href(null, "booked"));
        },
      },
    );
  }

  if (step === "booked" && booked) {
    const requested = booked.status === "requested";
    const done = requested ? "Request sent" : "Appointment booked";
    return (
      <section className="mx-auto grid max-w-2xl gap-4">
        <title>{`${done} · Clinic360`}</title>
        <h1 ref={headingRef} tabIndex={-1} className="flex items-center gap-2 text-2xl font-semibold outline-none">
          <CalendarCheck aria-hidden="true" /> {done}
        </h1>
        <Card>
          <CardHeader>
            <CardTitle>{booked.doctor.fullName}</CardTitle>
            <CardDescription>{booked.doctor.specialization}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2">
            <p className="font-medium">{formatClinicTime(booked.startTime, booked.endTime, clinicZone, zone)}</p>
            <StatusBadge status={booked.status} />
            <p>
              {statusExplanation(booked.status, "patient")}
              {requested ? "" : " Your booking email has a calendar invitation."}
            </p>
          </CardContent>
        </Card>
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href={appointmentPath(booked.id)}>View appointment</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/appointments">My appointments</Link>
          </Button>
        </div>
        <AddToCalendar appointment={booked} viewer="patient" />
      </section>
    );
  }

  return (
    <section className="mx-auto grid max-w-3xl gap-6">
      <title>Book an appointment · Clinic360</title>
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Book an appointment</h1>
        <p>
          with <strong>{doctor.data.fullName}</strong>
          {doctor.data.specialization && ` · ${doctor.data.specialization}`}
        </p>
        <p className="text-sm text-muted-foreground">
          {clinicZone === zone
            ? `Times are shown in your time zone, ${zone}.`
            : `Times are on the doctor's clock, ${clinicZone} (the visit is there), with your time zone, ${zone}, beside them.`}
        </p>
      </header>
      {user.data?.role === "patient" && <AttendanceNotice />}
      <ol aria-label="Steps" className="flex gap-4 text-sm">
        {STEPS.filter(({ id }) => choosing || id !== "type").map(({ id, label }, index) => (
          <li key={id} aria-current={id === step ? "step" : undefined} className={id === step ? "font-semibold" : "text-muted-foreground"}>
            {index + 1}. {label}
          </li>
        ))}
      </ol>

      {step === "type" && (
        <div className="grid gap-4">
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
            What kind of visit?
          </h2>
          <VisitTypeChoice
            offered={offered}
            onPick={(type) => {
              book.reset();
              steps.push(stepHref(doctorId, type.id, null));
            }}
          />
        </div>
      )}

      {step === "slot" && (
        <div className="grid gap-4">
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
            Pick a day and a time
          </h2>
          {choosing && visitType && (
            <p className="text-sm">
              {visitType.name} · {String(visitType.durationMinutes)} min · {CHANNEL_LABELS[visitType.channel]}{" "}
              <Link href={stepHref(doctorId, null, null)} className="underline">
                Change visit type
              </Link>
            </p>
          )}
          <SlotPicker
            doctorId={doctorId}
            doctorZone={doctor.data.timezone}
            viewerZone={zone}
            visitType={namedType}
            selected={slot}
            onSelect={(picked) => {
              book.reset();
              steps.replace(href(picked));
            }}
          />
          <div>
            <Button disabled={slot === null} onClick={() => { steps.push(href(slot, "reason")); }}>
              Continue
            </Button>
          </div>
        </div>
      )}

      {step === "reason" && (
        <div className="grid gap-3">
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
            What is the visit about?
          </h2>
          <label htmlFor={reasonId} className="text-sm font-medium">
            Reason (optional, only you and the doctor see it)
          </label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={MAX_REASON}
            rows={4}
            onChange={(event) => { setReason(event.target.value); }}
            className="w-full rounded-md border border-input bg-background px-3 py-2 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
          />
          <p className="text-xs text-muted-foreground">
            {reason.length}/{MAX_REASON}
          </p>
          <div className="flex gap-2">
            <Button variant="outline" onClick={() => { steps.back(href(slot)); }}>
              Back
            </Button>
            <Button onClick={() => { steps.push(href(slot, "confirm")); }}>Continue</Button>
          </div>
        </div>
      )}

      {step === "confirm" && slot && !user.data && (
        <SignInToBook
          doctor={doctor.data}
          visitType={choosing ? visitType : undefined}
          slot={slot}
          viewerZone={zone}
          reason={reason}
          confirmHref={href(slot, "confirm")}
          headingRef={headingRef}
        />
      )}

      {step === "confirm" && slot && user.data && (
        <ActingForSelect
          capability="appointments"
          value={actingFor ?? user.data.id}
          onChange={(id) => { setActingFor(id); }}
        />
      )}
      {step === "confirm" && slot && user.data && (
        <ConfirmStep
          doctor={doctor.data}
          visitType={choosing ? visitType : undefined}
          slot={slot}
          viewerZone={zone}
          reason={reason}
          pending={book.isPending}
          error={book.error}
          onBook={submit}
          onChangeTime={() => {
            book.reset();
            steps.push(href(slot));
          }}
          headingRef={headingRef}
        />
      )}
    </section>
  );
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-2xl">
      <title>{`${title} · Clinic360`}</title>
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      <p>{children}</p>
    </section>
  );
}
