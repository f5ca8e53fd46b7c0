import { ClipboardList, Eye, Users } from "lucide-react";
import { type ReactNode } from "react";

import { AppShell, type NavItem } from "@/app/layouts/app-shell";

const DOCTOR_NAV: readonly NavItem[] = [{ label: "My patients", href: "/patients", icon: Users }];
const PATIENT_NAV: readonly NavItem[] = [
  { label: "Medical records", href: "/records", icon: ClipboardList },
  { label: "Who accessed my records", href: "/records/access-log", icon: Eye },
];

/** The signed-in frame of the records pages, with the navigation of the user's role. */
export function RecordsShell({ role, children }: { role: string | undefined; children: ReactNode }) {
  return <AppShell navItems={role === "doctor" ? DOCTOR_NAV : PATIENT_NAV}>{children}</AppShell>;
}
