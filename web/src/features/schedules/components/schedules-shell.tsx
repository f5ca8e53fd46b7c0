import { CalendarClock, Search } from "lucide-react";
import { type ReactNode } from "react";

import { AppShell, type NavItem } from "@/app/layouts/app-shell";

const DOCTOR_NAV: readonly NavItem[] = [{ label: "My schedule", href: "/schedule", icon: CalendarClock }];
const PATIENT_NAV: readonly NavItem[] = [{ label: "Find a doctor", href: "/doctors", icon: Search }];

/** The signed-in frame of the schedules pages, with the navigation of the user's role. */
export function SchedulesShell({ role, children }: { role: string | undefined; children: ReactNode }) {
  return <AppShell navItems={role === "doctor" ? DOCTOR_NAV : PATIENT_NAV}>{children}</AppShell>;
}
