import {
  CalendarClock,
  CalendarDays,
  BarChart3,
  CalendarOff,
  FileText,
  HeartHandshake,
  History,
  ListOrdered,
  LayoutDashboard,
  MessageSquare,
  Search,
  ShieldCheck,
  Smartphone,
  UserRound,
  Users,
} from "lucide-react";

import { MFA_ENROLMENT_PATH, type Role } from "@/features/accounts";

import { type NavItem } from "./layouts/app-shell";

/** The inbox; its navigation item carries the unread count (`SignedInLayout`). */
export const MESSAGES_PATH = "/messages";

/** The sidebar of each role. */
export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  patient: [
    { label: "Dashboard", href: "/patient", icon: LayoutDashboard },
    { label: "Find a doctor", href: "/doctors", icon: Search },
    { label: "Appointments", href: "/appointments", icon: CalendarDays },
    { label: "Waiting list", href: "/waitlist", icon: ListOrdered },
    { label: "Messages", href: MESSAGES_PATH, icon: MessageSquare },
    { label: "Medical records", href: "/records", icon: FileText, exact: true },
    { label: "Who accessed my records", href: "/records/access-log", icon: History },
    { label: "Family", href: "/family", icon: HeartHandshake },
    { label: "Profile", href: "/profile", icon: UserRound },
  ],
  doctor: [
    { label: "Dashboard", href: "/doctor", icon: LayoutDashboard },
    { label: "Schedule", href: "/schedule", icon: CalendarClock },
    { label: "Appointments", href: "/agenda", icon: CalendarDays },
    { label: "Patients", href: "/patients", icon: Users },
    { label: "Messages", href: MESSAGES_PATH, icon: MessageSquare },
    { label: "Profile", href: "/profile", icon: UserRound },
  ],
  receptionist: [
    { label: "Front desk", href: "/front-desk", icon: CalendarDays },
    { label: "Profile", href: "/profile", icon: UserRound },
  ],
  manager: [
    { label: "Reports", href: "/reports", icon: BarChart3 },
    { label: "Profile", href: "/profile", icon: UserRound },
  ],
  admin: [
    { label: "Dashboard", href: "/admin", icon: ShieldCheck, exact: true },
    { label: "Users", href: "/admin/users", icon: Users },
    { label: "Clinic closures", href: "/admin/closures", icon: CalendarOff },
    { label: "Reports", href: "/reports", icon: BarChart3 },
    { label: "Profile", href: "/profile", icon: UserRound },
  ],
};

/** The sidebar of a user who must set up two-factor authentication before anything else. */
export const MFA_ENROLMENT_NAVIGATION: readonly NavItem[] = [
  { label: "Two-factor authentication", href: MFA_ENROLMENT_PATH, icon: Smartphone },
];
