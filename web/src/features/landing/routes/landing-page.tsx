import {
  ArrowRight,
  BellRing,
  CalendarCheck,
  CalendarClock,
  ClipboardList,
  FileClock,
  History,
  LockKeyhole,
  Search,
  ShieldCheck,
  Stethoscope,
  UserRound,
  type LucideIcon,
} from "lucide-react";
import { Link } from "wouter";

import { Brand } from "@/components/brand";
import { SkipLink } from "@/components/skip-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { HealthStatus } from "@/features/health";

import { AppointmentPreview } from "../components/appointment-preview";

interface Point {
  icon: LucideIcon;
  title: string;
  text: string;
}

const FOR_PATIENTS: Point[] = [
  {
    icon: CalendarCheck,
    title: "Book in a few clicks",
    text: "See the earliest free slots across doctors and pick the one that suits you.",
  },
  {
    icon: BellRing,
    title: "Never miss a visit",
    text: "Confirmations, reminders and calendar invites for every booking and change.",
  },
  {
    icon: ClipboardList,
    title: "Your records, in your hands",
    text: "Read diagnoses and prescriptions, and see every time someone opened them.",
  },
];

const FOR_DOCTORS: Point[] = [
  {
    icon: CalendarClock,
    title: "A schedule that follows you",
    text: "Weekly hours, days off and extra sessions, in your own time zone.",
  },
  {
    icon: Stethoscope,
    title: "No double bookings",
    text: "Each slot is booked exactly once, even when patients click at the same moment.",
  },
  {
    icon: History,
    title: "Records with history",
    text: "Amend a record with a reason; every earlier version is kept.",
  },
];

const TRUST: Point[] = [
  {
    icon: LockKeyhole,
    title: "Secure sessions",
    text: "Sessions end after inactivity and are destroyed at logout.",
  },
  {
    icon: FileClock,
    title: "Every access logged",
    text: "Each read or change of a medical record leaves an audit entry.",
  },
  {
    icon: ShieldCheck,
    title: "Discreet by default",
    text: "Emails and calendar invites never contain diagnoses or reasons for a visit.",
  },
];

function PointList({ points }: { points: Point[] }) {
  return (
    <ul className="grid gap-5">
      {points.map(({ icon: Icon, title, text }) => (
        <li key={title} className="flex gap-3">
          <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
            <Icon className="size-5" aria-hidden="true" />
          </span>
          <div>
            <p className="font-medium">{title}</p>
            <p className="mt-1 text-sm leading-relaxed text-muted-foreground">{text}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function LandingPage() {
  return (
    <>
      <title>Clinic360 · Appointments and medical records in one place</title>
      <SkipLink />
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
          <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
            <Brand />
            <nav aria-label="Account" className="flex items-center gap-1 sm:gap-2">
              <Button asChild variant="ghost" size="sm">
                <Link href="/doctors">Find a doctor</Link>
              </Button>
              <Button asChild variant="ghost" size="sm">
                <Link href="/login">Log in</Link>
              </Button>
              <Button asChild size="sm">
                <Link href="/register">Create account</Link>
              </Button>
            </nav>
          </div>
        </header>

        <main id="main-content" tabIndex={-1} className="flex-1 outline-none">
          <section aria-labelledby="hero-title" className="relative isolate overflow-hidden">
            <div
              aria-hidden="true"
              className="absolute inset-x-0 -top-40 -z-10 h-[32rem] bg-gradient-to-b from-accent/80 via-accent/20 to-transparent"
            />
            <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-[1.1fr_1fr] lg:py-28">
              <div>
                <Badge variant="outline" className="bg-background/70">
                  For patients and the doctors who care for them
                </Badge>
                <h1
                  id="hero-title"
                  className="mt-5 text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl"
                >
                  Care that fits your calendar.
                </h1>
                <p className="mt-6 max-w-xl text-lg leading-relaxed text-pretty text-muted-foreground">
                  Clinic360 brings appointments, schedules and medical records together. Patients book a
                  free slot in seconds; doctors run their week and keep every record in one secure place.
                </p>
                <div className="mt-8 flex flex-col gap-3 sm:flex-row">
                  <Button asChild size="lg">
                    <Link href="/doctors">
                      <Search aria-hidden="true" />
                      Find a doctor
                    </Link>
                  </Button>
                  <Button asChild size="lg" variant="outline">
                    <Link href="/register">
                      Create account
                      <ArrowRight aria-hidden="true" />
                    </Link>
                  </Button>
                </div>
                <p className="mt-3 text-sm text-muted-foreground">
                  Browse doctors and free times without an account; you sign in only to confirm. Already registered?{" "}
                  <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
                    Log in
                  </Link>
                </p>
                <HealthStatus className="mt-8" />
              </div>
              <AppointmentPreview />
            </div>
          </section>

          <section aria-labelledby="audiences-title" className="border-t bg-muted/40">
            <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
              <div className="max-w-2xl">
                <h2 id="audiences-title" className="text-3xl font-semibold tracking-tight text-balance">
                  One platform for both sides of the appointment
                </h2>
                <p className="mt-4 text-muted-foreground">
                  Everything a visit needs, from the first booking to the notes afterwards.
                </p>
              </div>
              <div className="mt-10 grid gap-6 md:grid-cols-2">
                <Card>
                  <CardHeader>
                    <div className="flex items-center gap-2 text-primary">
                      <UserRound className="size-5" aria-hidden="true" />
                      <span className="text-sm font-medium">Patients</span>
                    </div>
                    <CardTitle as="h3" className="text-xl">
                      See a doctor without the phone queue
                    </CardTitle>
                    <CardDescription>Find a time, get reminded, and keep your history with you.</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <PointList points={FOR_PATIENTS} />
                  </CardContent>
                </Card>
                <Card>
                  <CardHeader>
                    <div className="flex items-center gap-2 text-primary">
                      <Stethoscope className="size-5" aria-hidden="true" />
                      <span className="text-sm font-medium">Doctors</span>
                    </div>
                    <CardTitle as="h3" className="text-xl">
                      Spend the day with patients, not paperwork
                    </CardTitle>
                    <CardDescription>Set your hours once; Clinic360 handles the bookings.</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <PointList points={FOR_DOCTORS} />
                  </CardContent>
                </Card>
              </div>
            </div>
          </section>

          <section aria-labelledby="trust-title" className="border-t">
            <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
              <h2 id="trust-title" className="text-3xl font-semibold tracking-tight text-balance">
                Private by design
              </h2>
              <ul className="mt-10 grid gap-8 sm:grid-cols-3">
                {TRUST.map(({ icon: Icon, title, text }) => (
                  <li key={title}>
                    <Icon className="size-6 text-primary" aria-hidden="true" />
                    <p className="mt-3 font-medium">{title}</p>
                    <p className="mt-1 text-sm leading-relaxed text-muted-foreground">{text}</p>
                  </li>
                ))}
              </ul>
              <div className="mt-12 flex flex-col items-start gap-4 rounded-xl border bg-card p-6 sm:flex-row sm:items-center sm:justify-between">
                <p className="font-medium">Ready when you are. Creating an account takes a minute.</p>
                <Button asChild>
                  <Link href="/register">Get started</Link>
                </Button>
              </div>
            </div>
          </section>
        </main>

        <footer className="border-t">
          <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
            <p>© {new Date().getFullYear()} Clinic360</p>
            <p>Appointments · Schedules · Medical records</p>
          </div>
        </footer>
      </div>
    </>
  );
}
