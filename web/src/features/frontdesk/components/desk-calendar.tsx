import { ChevronLeft, ChevronRight } from "lucide-react";
import { useRef, useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";
import { formatInstant, formatInstantRange } from "@/lib/format";

import { useSpecializations } from "@/features/accounts";
import { alternativesOf, statusLabel } from "@/features/appointments";
import {
  blockName, dayIn, dayLabel, dayView, midnight, plusDays, TimeGrid, useCalendar, weekView,
  type CalendarBlock, type GridColumn, type GridMove,
} from "@/features/calendar";
import { useDoctors, useDoctorVisitTypes, type Slot } from "@/features/schedules";
import { useDeskBooking } from "../api/book-for-patient";
import { useDeskChange, type DeskChange } from "../api/change-appointment";
import { type PatientCard } from "../api/types";
import { PatientFinder, patientLine } from "./patient-finder";

type View = "day" | "week";
const iso = (ms: number) => new Date(ms).toISOString();

function failureText(failure: unknown): string {
  return isApiError(failure) ? failure.message : "That did not work. Try again.";
}

/** The front desk's live calendar: every doctor's day (by specialization) or one doctor's week. */
export function DeskCalendar({ zone }: { zone: string }) {
  const [view, setView] = useState<View>("day");
  const [day, setDay] = useState<string | null>(null);
  const [specializationId, setSpecializationId] = useState("");
  const [doctorId, setDoctorId] = useState("");
  const [booking, setBooking] = useState<{ column: GridColumn; start: number } | null>(null);
  const [selected, setSelected] = useState<{ column: GridColumn; block: CalendarBlock } | null>(null);
  const [move, setMove] = useState<GridMove | null>(null);
  const specializations = useSpecializations();
  const doctors = useDoctors({ specializationId: null, q: "" });
  const first = day ?? dayIn(new Date(), zone);
  const length = view === "day" ? 1 : 7;
  const weekDoctor = doctorId !== "" ? doctorId : String(doctors.data?.[0]?.id ?? "");
  const calendar = useCalendar({
    from: iso(midnight(first, zone)),
    to: iso(midnight(plusDays(first, length), zone)),
    ...(view === "week" ? { doctorIds: weekDoctor } : {}),
    ...(view === "day" && specializationId !== "" ? { specializationId: Number(specializationId) } : {}),
  });
  const data = calendar.data ?? [];
  const grid = view === "day" ? dayView(data, first, zone) : weekView(data[0], first, zone);

  return (
    <section aria-labelledby="desk-calendar" className="grid gap-3">
      <h2 id="desk-calendar" className="text-lg font-semibold">Calendar</h2>
      <div className="flex flex-wrap items-end gap-2">
        <div role="group" aria-label="Calendar view" className="flex gap-1">
          {(["day", "week"] as const).map((id) => (
            <Button key={id} size="sm" variant={view === id ? "default" : "outline"} aria-pressed={view === id} onClick={() => { setView(id); }}>
              {id === "day" ? "Day of every doctor" : "Week of one doctor"}
            </Button>
          ))}
        </div>
        <Button size="icon" variant="ghost" aria-label={`Previous ${view}`} onClick={() => { setDay(plusDays(first, -length)); }}>
          <ChevronLeft aria-hidden="true" />
        </Button>
        <Button size="sm" variant="outline" onClick={() => { setDay(null); }}>Today</Button>
        <Button size="icon" variant="ghost" aria-label={`Next ${view}`} onClick={() => { setDay(plusDays(first, length)); }}>
          <ChevronRight aria-hidden="true" />
        </Button>
        {view === "day" ? (
          <FormField label="Specialization">
            {(field) => (
              <NativeSelect {...field} value={specializationId} onChange={(e) => { setSpecializationId(e.target.value); }}>
                <option value="">Every specialization</option>
                {(specializations.data ?? []).map((s) => <option key={s.id} value={String(s.id)}>{s.name}</option>)}
              </NativeSelect>
            )}
          </FormField>
        ) : (
          <FormField label="Doctor">
            {(field) => (
              <NativeSelect {...field} value={weekDoctor} onChange={(e) => { setDoctorId(e.target.value); }}>
                {(doctors.data ?? []).map((d) => <option key={d.id} value={String(d.id)}>{d.fullName}</option>)}
              </NativeSelect>
            )}
          </FormField>
        )}
        <p aria-live="polite" className="font-medium">
          {view === "day" ? dayLabel(first) : `${dayLabel(first)} – ${dayLabel(plusDays(first, 6))}`} ({zone})
        </p>
      </div>
      {calendar.isError && <Alert variant="destructive"><AlertDescription>{failureText(calendar.error)}</AlertDescription></Alert>}
      <TimeGrid
        label={view === "day" ? `Calendar of ${dayLabel(first)}` : `Week of ${data[0]?.fullName ?? "the doctor"}`}
        columns={grid.columns} viewMinutes={grid.viewMinutes} zone={zone} acrossColumns={view === "week"}
        onCell={(column, start) => { setBooking({ column, start }); }}
        onBlock={(column, block) => { setSelected({ column, block }); }}
        onMove={setMove}
      />
      {booking !== null && <BookingDialog {...booking} zone={zone} onClose={() => { setBooking(null); }} />}
      {selected !== null && <BlockDialog {...selected} zone={zone} onClose={() => { setSelected(null); }} />}
      {move !== null && <MoveDialog move={move} zone={zone} onClose={() => { setMove(null); }} />}
    </section>
  );
}

function Alternatives({ slots, zone, onPick }: { slots: Slot[]; zone: string; onPick: (slot: Slot) => void }) {
  return (
    <div className="grid gap-2">
      <p>That time is taken. Nearest free times:</p>
      <ul aria-label="Nearest free times" className="flex flex-wrap gap-2">
        {slots.map((slot) => (
          <li key={slot.startTime}>
            <Button type="button" size="sm" variant="outline" onClick={() => { onPick(slot); }}>
              {formatInstantRange(slot.startTime, slot.endTime, zone)}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BookingDialog({ column, start, zone, onClose }: { column: GridColumn; start: number; zone: string; onClose: () => void }) {
  const [patient, setPatient] = useState<PatientCard | null>(null);
  const [visitTypeId, setVisitTypeId] = useState("");
  const [problem, setProblem] = useState<{ text: string; slots: Slot[] | null } | null>(null);
  const types = useDoctorVisitTypes(column.doctorId);
  const book = useDeskBooking();

  function confirm(startTime: string) {
    if (patient === null) return;
    setProblem(null);
    book.mutate(
      { patientId: patient.id, doctorId: column.doctorId, startTime, ...(visitTypeId === "" ? {} : { visitTypeId: Number(visitTypeId) }) },
      {
        onSuccess: (visit) => {
          toast({ title: `Booked ${patient.fullName}: ${formatInstantRange(visit.startTime, visit.endTime, zone)}` });
          onClose();
        },
        onError: (failure) => { setProblem({ text: failureText(failure), slots: alternativesOf(failure) }); },
      },
    );
  }

  return (
    <Dialog open onOpenChange={(open) => { if (!open) onClose(); }}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Book with {column.doctorName}</DialogTitle>
          <DialogDescription>Starting {formatInstant(iso(start), zone)}.</DialogDescription>
        </DialogHeader>
        {patient === null ? (
          <PatientFinder onSelect={setPatient} />
        ) : (
          <p>
            Patient: <strong>{patientLine(patient)}</strong>{" "}
            <Button type="button" size="sm" variant="ghost" onClick={() => { setPatient(null); }}>Change</Button>
          </p>
        )}
        <FormField label="Visit type">
          {(field) => (
            <NativeSelect {...field} value={visitTypeId} onChange={(e) => { setVisitTypeId(e.target.value); }}>
              <option value="">The doctor&apos;s default type</option>
              {(types.data ?? []).map((t) => <option key={t.id} value={String(t.id)}>{t.name} ({t.durationMinutes} min)</option>)}
            </NativeSelect>
          )}
        </FormField>
        {problem !== null && (
          <Alert variant="destructive" live>
            <AlertDescription>
              {problem.slots === null ? problem.text : <Alternatives slots={problem.slots} zone={zone} onPick={(slot) => { confirm(slot.startTime); }} />}
            </AlertDescription>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose}>Close</Button>
          <Button type="button" disabled={patient === null || book.isPending} onClick={() => { confirm(iso(start)); }}>
            Confirm booking
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

function BlockDialog({ column, block, zone, onClose }: { column: GridColumn; block: CalendarBlock; zone: string; onClose: () => void }) {
  const change = useDeskChange();
  const [problem, setProblem] = useState<string | null>(null);
  function act(body: DeskChange, done: string) {
    setProblem(null);
    change.mutate({ id: block.id, change: body }, {
      onSuccess: () => { toast({ title: `${block.patientName}: ${done}` }); onClose(); },
      onError: (failure) => { setProblem(failureText(failure)); },
    });
  }
  return (
    <Dialog open onOpenChange={(open) => { if (!open) onClose(); }}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{block.patientName}</DialogTitle>
          <DialogDescription>{blockName(block, column, zone)}{block.visitType === null ? "" : ` · ${block.visitType.name}`}</DialogDescription>
        </DialogHeader>
        <p>Status: {statusLabel(block.status)}. To move it, drag it on the calendar, or press Enter on it and use the arrow keys.</p>
        {problem !== null && <Alert variant="destructive" live><AlertDescription>{problem}</AlertDescription></Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" onClick={() => { act({ status: "arrived" }, "checked in"); }} disabled={change.isPending}>Check in</Button>
          <Button type="button" variant="outline" onClick={() => { act({ status: "no_show" }, "marked as no-show"); }} disabled={change.isPending}>No-show</Button>
          <Button type="button" variant="destructive" onClick={() => { act({ status: "cancelled" }, "cancelled"); }} disabled={change.isPending}>Cancel appointment</Button>
          <Button type="button" variant="ghost" onClick={onClose}>Close</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

function MoveDialog({ move, zone, onClose }: { move: GridMove; zone: string; onClose: () => void }) {
  const change = useDeskChange();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<{ text: string; slots: Slot[] | null } | null>(null);
  function confirm(startTime: string, endTime: string) {
    setProblem(null);
    change.mutate({ id: move.block.id, change: { startTime, endTime } }, {
      onSuccess: (visit) => {
        toast({ title: `${move.block.patientName} moved to ${formatInstantRange(visit.startTime, visit.endTime, zone)}` });
        onClose();
      },
      onError: (failure) => { setProblem({ text: failureText(failure), slots: alternativesOf(failure) }); },
    });
  }
  return (
    <Dialog open onOpenChange={(open) => { if (!open) onClose(); }}>
      <DialogContent onOpenAutoFocus={(event) => { event.preventDefault(); confirmButton.current?.focus(); }}>
        <DialogHeader>
          <DialogTitle>Move {move.block.patientName}</DialogTitle>
          <DialogDescription>
            To {move.column.dayLabel === null ? "" : `${move.column.dayLabel}, `}{formatInstantRange(iso(move.start), iso(move.end), zone)} with {move.column.doctorName}.
          </DialogDescription>
        </DialogHeader>
        {problem !== null && (
          <Alert variant="destructive" live>
            <AlertDescription>
              {problem.slots === null ? problem.text : <Alternatives slots={problem.slots} zone={zone} onPick={(slot) => { confirm(slot.startTime, slot.endTime); }} />}
            </AlertDescription>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose}>Keep it where it was</Button>
          <Button ref={confirmButton} type="button" disabled={change.isPending} onClick={() => { confirm(iso(move.start), iso(move.end)); }}>Move here</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
