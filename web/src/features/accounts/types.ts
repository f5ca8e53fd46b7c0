export type Role = "patient" | "doctor" | "admin";

/** The user object of GET /api/user (never a password, hash or token). */
export interface User {
  id: number;
  username: string;
  email: string;
  fullName: string;
  role: Role;
  specialization: string | null;
  timezone: string;
  approved: boolean;
  suspended: boolean;
  slotMinutes: number | null;
  createdAt: string;
}

const HOME: Record<Role, string> = { patient: "/patient", doctor: "/doctor", admin: "/admin" };

/** Where each role lands after logging in. */
export function homePathFor(role: Role): string {
  return HOME[role];
}

export const ROLE_LABEL: Record<Role, string> = { patient: "Patient", doctor: "Doctor", admin: "Administrator" };
