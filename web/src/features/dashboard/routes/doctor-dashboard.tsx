import { TZDate } from "@date-fns/tz";
import { endOfDay, startOfDay } from "date-fns";
import { CalendarClock, Users } from "lucide-react";
import { useState } from "react";
import { Link } from "wouter";

import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useCurrentUser } from "@/features/accounts";
import { formatWallClock, isValidTimeZone } from "@/lib/format";

import { useAppointments } from "@/features/appointments";
import { AppointmentList } from "../components/appointment-list";
import { QuickActionsCard, type QuickAction } from "../components/quick-actions";
import { firstName, greeting } from "../greeting";

const ACTIONS: QuickAction[] = [
  { label: "Set hours", description: "Weekly hours and days off", href: "/schedule", icon: CalendarClock },
  { label: "Patients", description: "Histories and records", href: "/patients", icon: Users },
];

/** Today, from midnight to midnight on the doctor's own clock, as UTC instants. */
function today(timeZone: string): { from: string; to: string } {
  const now = new TZDate(Date.now(), isValidTimeZone(timeZone) ? timeZone : "UTC");
  return { from: startOfDay(now).toISOString(), to: endOfDay(now).toISOString() };
}

export function DoctorDashboard() {
  const { data: user } = useCurrentUser();
  const timeZone = user?.timezone ?? "UTC";
  const [range] = useState(() => today(timeZone));
  const appointments = useAppointments({ ...range, limit: 100 });
  if (!user) return null;

  return (
    <>
      <title>Dashboard · Clinic360</title>
      <PageHeader
        title={`${greeting(timeZone)}, ${firstName(user.fullName)}`}
        description={`Today is ${formatWallClock(range.from, timeZone, "EEEE d MMMM")} (${timeZone}).`}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1.5">
              <CardTitle as="h2">Today's appointments</CardTitle>
              <CardDescription>Your day at a glance</CardDescription>
            </div>
            <Button asChild variant="outline" size="sm">
              <Link href="/agenda">Open agenda</Link>
            </Button>
          </CardHeader>
          <CardContent>
            <AppointmentList
              query={appointments}
              viewer="doctor"
              timeZone={timeZone}
              timesOnly
              empty={{
                title: "Nothing booked today",
                description: user.approved
                  ? "Make sure your weekly hours are set so patients can book you."
                  : "Patients can book you once your account is approved. Set your hours in the meantime.",
                action: (
                  <Button asChild variant="outline">
                    <Link href="/schedule">Set hours</Link>
                  </Button>
                ),
              }}
            />
          </CardContent>
        </Card>
        <QuickActionsCard actions={ACTIONS} />
      </div>
    </>
  );
}
