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
    timezone: "Europe/Berlin",
    approved: true,
    suspended: false,
    slotMinutes: null,
    acceptsMessages: false,
    messageDigest: false,
    createdAt: "2026-11-24T10:00:00Z",
    mfaEnabled: false,
    mfaRequired: false,
    ...overrides,
  };
}
