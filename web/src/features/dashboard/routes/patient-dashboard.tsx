import { CalendarPlus, FileText } from "lucide-react";
import { useState } from "react";
import { Link } from "wouter";

import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useCurrentUser } from "@/features/accounts";

import { useAppointments } from "@/features/appointments";
import { AppointmentList } from "../components/appointment-list";
import { QuickActionsCard, type QuickAction } from "../components/quick-actions";
import { firstName, greeting } from "../greeting";

const ACTIONS: QuickAction[] = [
  { label: "Book appointment", description: "Find a doctor and a free time", href: "/doctors", icon: CalendarPlus },
  { label: "My records", description: "Diagnoses, prescriptions and notes", href: "/records", icon: FileText },
];

export function PatientDashboard() {
  const { data: user } = useCurrentUser();
  // Fixed when the page opens, so the query key stays the same while it is shown.
  const [from] = useState(() => new Date().toISOString());
  const appointments = useAppointments({ from, limit: 3 });
  if (!user) return null;

  return (
    <>
      <title>Dashboard · Clinic360</title>
      <PageHeader
        title={`${greeting(user.timezone)}, ${firstName(user.fullName)}`}
        description="Here is what is coming up."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1.5">
              <CardTitle as="h2">Next appointments</CardTitle>
              <CardDescription>Times in {user.timezone}</CardDescription>
            </div>
            <Button asChild variant="outline" size="sm">
              <Link href="/appointments">View all</Link>
            </Button>
          </CardHeader>
          <CardContent>
            <AppointmentList
              query={appointments}
              viewer="patient"
              timeZone={user.timezone}
              empty={{
                title: "No upcoming appointments",
                description: "Book a visit with a doctor in a few clicks.",
                action: (
                  <Button asChild>
                    <Link href="/doctors">Book appointment</Link>
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
