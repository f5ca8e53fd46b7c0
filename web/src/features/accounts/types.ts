import { type ApiSchema } from "@/lib/api-types";

export type Role = ApiSchema<"Role">;

/** The user object of GET /api/user (never a password, hash or token). */
export type User = ApiSchema<"UserOut">;

/** The user must set up two-factor sign-in before using anything else. */
export function mfaEnrolmentPending(user: User): boolean {
  return user.mfaRequired && !user.mfaEnabled;
}

/** Where two-factor sign-in is set up (and where the API's 403 `mfa_enrolment_required` leads). */
export const MFA_ENROLMENT_PATH = "/profile/two-factor";

const HOME: Record<Role, string> = {
  patient: "/patient",
  doctor: "/doctor",
  admin: "/admin",
  receptionist: "/front-desk",
  manager: "/reports",
};

/** Where each role lands after logging in. */
export function homePathFor(role: Role): string {
  return HOME[role];
}

export const ROLE_LABEL: Record<Role, string> = {
  patient: "Patient",
  doctor: "Doctor",
  admin: "Administrator",
  receptionist: "Receptionist",
  manager: "Clinic manager",
};
