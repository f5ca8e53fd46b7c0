import { type User } from "./types";

/** A user object as GET /api/user returns it, for tests. */
export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 7,
    username: "alice",
    email: "alice@example.org",
    fullName: "Alice Smith",
    role: "patient",
    specialization: null,
    specializationId: null,
    timezone: "Europe/Berlin",
    approved: true,
    suspended: false,
    slotMinutes: null,
    address: null,
    languages: [],
    bio: null,
    acceptsMessages: false,
    messageDigest: false,
    mobilePhone: null,
    smsReminders: false,
    dateOfBirth: null,
    createdAt: "2026-11-24T10:00:00Z",
    mfaEnabled: false,
    mfaRequired: false,
    reminderSteps: [
      { step: "7d", minutes: 10080, enabled: true },
      { step: "24h", minutes: 1440, enabled: true },
      { step: "2h", minutes: 120, enabled: true },
    ],
    ...overrides,
  };
}
