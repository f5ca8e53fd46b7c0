import { ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { useLocation } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { Button } from "@/components/ui/button";

import { useCurrentUser } from "@/features/accounts";
import { dayView, TimeGrid, useCalendar, weekView } from "@/features/calendar";
import { appointmentPath } from "../calendar-links";
import { AppointmentList } from "../components/appointment-list";
import { CalendarSubscription } from "../components/calendar-subscription";
import { dayIn, dayLabel, plusDays, startOfDayIn } from "../components/time";

type View = "day" | "week";

/** The doctor's agenda for a day or a week: the time grid (live), then the list with names,
 * reasons, status badges and actions. */
export function AgendaPage() {
  const user = useCurrentUser();
  const [, navigate] = useLocation();
  const [view, setView] = useState<View>("day");
  const [day, setDay] = useState<string | null>(null);
  if (!user.data) return <PageLoading />;
  const zone = user.data.timezone;
  const first = day ?? dayIn(new Date(), zone);
  const length = view === "day" ? 1 : 7;
  const last = plusDays(first, length - 1);
  const filters = { from: startOfDayIn(first, zone), to: startOfDayIn(plusDays(first, length), zone), limit: 500 };

  return (
    <section className="grid gap-4">
      <title>Agenda · Clinic360</title>
      <h1 className="text-2xl font-semibold">Agenda</h1>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="View" className="flex gap-1">
          {(["day", "week"] as const).map((id) => (
            <Button key={id} size="sm" variant={view === id ? "default" : "outline"} aria-pressed={view === id}
              onClick={() => { setView(id); }}>
              {id === "day" ? "Day" : "Week"}
            </Button>
          ))}
        </div>
        <Button size="icon" variant="ghost" aria-label={`Previous ${view}`} onClick={() => { setDay(plusDays(first, -length)); }}>
          <ChevronLeft aria-hidden="true" />
        </Button>
        <Button size="sm" variant="outline" onClick={() => { setDay(null); }}>
          Today
        </Button>
        <Button size="icon" variant="ghost" aria-label={`Next ${view}`} onClick={() => { setDay(plusDays(first, length)); }}>
          <ChevronRight aria-hidden="true" />
        </Button>
        <p aria-live="polite" className="font-medium">
          {view === "day" ? dayLabel(first) : `${dayLabel(first)} – ${dayLabel(last)}`} ({zone})
        </p>
      </div>
      <AgendaGrid view={view} first={first} zone={zone} onOpen={(id) => { navigate(appointmentPath(id)); }} />
      <AppointmentList
        viewer={user.data}
        filters={filters}
        label={view === "day" ? "Appointments of the day" : "Appointments of the week"}
        empty={view === "day" ? "No appointments this day." : "No appointments this week."}
      />
      <CalendarSubscription zone={zone} />
    </section>
  );
}

/** The doctor's own time grid: the day (one column) or the week (a column per day). */
function AgendaGrid({ view, first, zone, onOpen }: { view: View; first: string; zone: string; onOpen: (id: number) => void }) {
  const length = view === "day" ? 1 : 7;
  const calendar = useCalendar({ from: startOfDayIn(first, zone), to: startOfDayIn(plusDays(first, length), zone) });
  const doctors = calendar.data ?? [];
  const grid = view === "day" ? dayView(doctors, first, zone) : weekView(doctors[0], first, zone);
  return (
    <TimeGrid
      label={view === "day" ? "Calendar of the day" : "Calendar of the week"}
      columns={grid.columns}
      viewMinutes={grid.viewMinutes}
      zone={zone}
      onBlock={(_column, block) => { onOpen(block.id); }}
    />
  );
}
