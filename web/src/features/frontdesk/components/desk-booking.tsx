import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";
import { formatInstantRange } from "@/lib/format";

import { alternativesOf, SlotPicker } from "@/features/appointments";
import { useDoctors, type Slot } from "@/features/schedules";
import { useDeskBooking } from "../api/book-for-patient";
import { type PatientCard } from "../api/types";

/** Book the selected patient with any doctor: pick the doctor, then one of their free slots. */
export function DeskBooking({ patient, viewerZone }: { patient: PatientCard; viewerZone: string }) {
  const doctors = useDoctors({ specializationId: null, q: "" });
  const book = useDeskBooking();
  const [doctorId, setDoctorId] = useState("");
  const [slot, setSlot] = useState<Slot | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const doctor = (doctors.data ?? []).find((d) => String(d.id) === doctorId);

  function confirm() {
    if (doctor === undefined || slot === null) return;
    setMessage(null);
    book.mutate(
      { patientId: patient.id, doctorId: doctor.id, startTime: slot.startTime, endTime: slot.endTime },
      {
        onSuccess: (visit) => {
          toast({ title: `Booked: ${formatInstantRange(visit.startTime, visit.endTime, doctor.timezone)}` });
          setSlot(null);
        },
        onError: (failure) => {
          const others = alternativesOf(failure);
          setMessage(
            others !== null
              ? "That time was just taken. Pick another free time."
              : isApiError(failure) ? failure.message : "Booking failed. Try again.",
          );
        },
      },
    );
  }

  return (
    <section aria-labelledby="desk-booking" className="grid gap-4">
      <h2 id="desk-booking" className="text-lg font-semibold">Book for {patient.fullName}</h2>
      <FormField label="Doctor">
        {(field) => (
          <NativeSelect {...field} value={doctorId} onChange={(e) => { setDoctorId(e.target.value); setSlot(null); }}>
            <option value="">Choose a doctor</option>
            {(doctors.data ?? []).map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.fullName}{d.specialization === null ? "" : ` (${d.specialization})`}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      {doctor !== undefined && (
        <SlotPicker doctorId={doctor.id} doctorZone={doctor.timezone} viewerZone={viewerZone} selected={slot} onSelect={setSlot} />
      )}
      {doctor !== undefined && slot !== null && (
        <div>
          <Button type="button" onClick={confirm} disabled={book.isPending}>
            Book {formatInstantRange(slot.startTime, slot.endTime, doctor.timezone)}
          </Button>
        </div>
      )}
      {message !== null && (
        <Alert variant="destructive" live>
          <AlertDescription>{message}</AlertDescription>
        </Alert>
      )}
    </section>
  );
}
