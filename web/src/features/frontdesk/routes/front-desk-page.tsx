import { useState } from "react";

import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

import { useCurrentUser } from "@/features/accounts";
import { type PatientCard } from "../api/types";
import { DayList } from "../components/day-list";
import { DeskCalendar } from "../components/desk-calendar";
import { DeskBooking } from "../components/desk-booking";
import { PatientFinder, patientLine } from "../components/patient-finder";
import { WalkInForm } from "../components/walk-in-form";

/** The receptionist's page: find or register a patient, book for them, check today's patients in. */
export function FrontDeskPage() {
  const user = useCurrentUser();
  const zone = user.data?.timezone ?? "UTC";
  const [patient, setPatient] = useState<PatientCard | null>(null);
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <PageHeader title="Front desk" description="Find or register a patient, book for them, check them in." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Patient</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {patient !== null && (
              <p aria-live="polite">
                Selected: <strong>{patientLine(patient)}</strong>{" "}
                <Button type="button" size="sm" variant="ghost" onClick={() => { setPatient(null); }}>Clear</Button>
              </p>
            )}
            <PatientFinder onSelect={setPatient} />
            <div>
              <Button type="button" variant="outline" aria-expanded={registering} onClick={() => { setRegistering(!registering); }}>
                Register a walk-in patient
              </Button>
            </div>
            {registering && (
              <WalkInForm onRegistered={(found) => { setPatient(found); setRegistering(false); }} />
            )}
            {patient !== null && <DeskBooking patient={patient} viewerZone={zone} />}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Today</CardTitle>
          </CardHeader>
          <CardContent>
            <DayList zone={zone} />
          </CardContent>
        </Card>
      </div>
      <Card className="mt-6">
        <CardContent className="pt-6">
          <DeskCalendar zone={zone} />
        </CardContent>
      </Card>
    </>
  );
}
