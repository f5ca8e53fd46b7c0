import { CalendarCheck } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useParams, useSearch } from "wouter";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageLoading } from "@/components/page-loading";
import { formatInstantRange } from "@/lib/format";

import { useBookAppointment } from "../api/book-appointment";
import { useCurrentUser } from "@/features/accounts";
import { type Doctor, type Slot, useDoctor } from "@/features/schedules";
import { type Appointment } from "../api/types";
import { Alternatives, alternativesOf } from "../components/alternatives";
import { changeErrorMessage } from "../components/messages";
import { SlotPicker } from "../components/slot-picker";
import { StatusBadge } from "../components/status-badge";
import { AddToCalendar } from "../components/add-to-calendar";
import { appointmentPath } from "../calendar-links";
import { statusExplanation } from "../status";

type Step = "slot" | "reason" | "confirm";
const STEPS: { id: Step; label: string }[] = [
  { id: "slot", label: "Day and time" },
  { id: "reason", label: "Reason" },
  { id: "confirm", label: "Confirm" },
];
const MAX_REASON = 500;

/** `?start=<instant>` picks that slot up front (its length is the doctor's slot length). */
function slotFromQuery(search: string, doctor: Doctor | undefined): Slot | null {
  const start = new URLSearchParams(search).get("start");
  if (start === null || doctor === undefined) return null;
  const ms = Date.parse(start);
  if (Number.isNaN(ms) || ms <= Date.now()) return null;
  const iso = (value: number) => new Date(value).toISOString().replace(".000Z", "Z");
  return { startTime: iso(ms), endTime: iso(ms + doctor.slotMinutes * 60_000) };
}

/** Patient booking: doctor → day → time → reason → confirm → confirmation screen. */
export function BookPage() {
  const { doctorId: rawId } = useParams<{ doctorId: string }>();
  const doctorId = /^\d+$/.test(rawId) ? Number(rawId) : 0;
  const search = useSearch();
  const user = useCurrentUser();
  const doctor = useDoctor(doctorId);
  const book = useBookAppointment();
  const [picked, setPicked] = useState<Slot | null>(null);
  const [step, setStep] = useState<Step>("slot");
  const [reason, setReason] = useState("");
  const [booked, setBooked] = useState<Appointment | null>(null);
  const reasonId = useId();
  // Each step replaces the button just pressed: move the focus to the new step's heading, so
  // keyboard and screen reader users go on from there instead of from the top of the page.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (moveFocus.current) headingRef.current?.focus();
  }, [step, booked]);

  function goTo(next: Step) {
    moveFocus.current = true;
    setStep(next);
  }

  if (user.isPending || (doctorId > 0 && doctor.isPending)) return <PageLoading />;
  if (doctorId === 0 || doctor.isError || !doctor.data) {
    return <Notice title="Doctor not found">This doctor does not exist or cannot be booked.</Notice>;
  }
  if (user.data?.role !== "patient") {
    return <Notice title="Only patients book appointments">Sign in as a patient to book.</Notice>;
  }
  const zone = user.data.timezone;
  const slot = picked ?? slotFromQuery(search, doctor.data);
  const alternatives = alternativesOf(book.error);

  function submit(target: Slot) {
    book.mutate(
      { doctorId, startTime: target.startTime, endTime: target.endTime, reason: reason.trim() || undefined },
      {
        onSuccess: (appointment) => {
          moveFocus.current = true;
          setBooked(appointment);
        },
      },
    );
  }

  if (booked) {
    return (
      <section className="mx-auto grid max-w-2xl gap-4">
        <title>Appointment booked · Clinic360</title>
        <h1 ref={headingRef} tabIndex={-1} className="flex items-center gap-2 text-2xl font-semibold outline-none">
          <CalendarCheck aria-hidden="true" /> Appointment booked
        </h1>
        <Card>
          <CardHeader>
            <CardTitle>{booked.doctor.fullName}</CardTitle>
            <CardDescription>{booked.doctor.specialization}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2">
            <p className="font-medium">{formatInstantRange(booked.startTime, booked.endTime, zone)}</p>
            <StatusBadge status={booked.status} />
            <p>{statusExplanation(booked.status, "patient")} Your booking email has a calendar invitation.</p>
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
        <p className="text-sm text-muted-foreground">Times are shown in your time zone, {zone}.</p>
      </header>
      <ol aria-label="Steps" className="flex gap-4 text-sm">
        {STEPS.map(({ id, label }, index) => (
          <li key={id} aria-current={id === step ? "step" : undefined} className={id === step ? "font-semibold" : "text-muted-foreground"}>
            {index + 1}. {label}
          </li>
        ))}
      </ol>

      {step === "slot" && (
        <div className="grid gap-4">
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
            Pick a day and a time
          </h2>
          <SlotPicker
            doctorId={doctorId}
            doctorZone={doctor.data.timezone}
            viewerZone={zone}
            selected={slot}
            onSelect={setPicked}
          />
          <div>
            <Button disabled={slot === null} onClick={() => { goTo("reason"); }}>
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
            <Button variant="outline" onClick={() => { goTo("slot"); }}>
              Back
            </Button>
            <Button onClick={() => { goTo("confirm"); }}>Continue</Button>
          </div>
        </div>
      )}

      {step === "confirm" && slot && (
        <div className="grid gap-4">
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
            Check and confirm
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted-foreground">Doctor</dt>
            <dd>{doctor.data.fullName}</dd>
            <dt className="text-muted-foreground">When</dt>
            <dd>{formatInstantRange(slot.startTime, slot.endTime, zone)}</dd>
            <dt className="text-muted-foreground">Reason</dt>
            <dd className="whitespace-pre-line">{reason.trim() || "—"}</dd>
          </dl>
          {alternatives !== null ? (
            <Alternatives
              alternatives={alternatives}
              zone={zone}
              pending={book.isPending}
              onPick={(alternative) => {
                setPicked(alternative);
                submit(alternative);
              }}
              verb="Book"
            />
          ) : (
            book.isError && (
              <Alert variant="destructive" live>
                <AlertTitle>Not booked</AlertTitle>
                <AlertDescription>{changeErrorMessage(book.error)}</AlertDescription>
              </Alert>
            )
          )}
          <div className="flex gap-2">
            <Button variant="outline" disabled={book.isPending} onClick={() => { book.reset(); goTo("slot"); }}>
              Change time
            </Button>
            <Button disabled={book.isPending || alternatives !== null} onClick={() => { submit(slot); }}>
              {book.isPending ? "Booking…" : "Confirm booking"}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function Notice({ title, children }: { title: string; children: string }) {
  return (
    <section className="mx-auto max-w-2xl">
      <title>{`${title} · Clinic360`}</title>
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      <p>{children}</p>
    </section>
  );
}
