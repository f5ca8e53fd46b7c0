import { type MessagingDoctor, type Thread, type ThreadDetail } from "../api/types";

const PEOPLE = {
  patient: { id: 7, fullName: "Alice Smith", specialization: null },
  doctor: { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology" },
};

export function thread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: 5,
    subject: "Question about my <b>tablets</b>",
    status: "open",
    ...PEOPLE,
    createdAt: "2026-12-01T08:00:00Z",
    lastMessageAt: "2026-12-01T09:30:00Z",
    closedAt: null,
    unread: 0,
    ...overrides,
  };
}

/** A thread as its patient reads it: their message (retractable until `until`), the clinic's
 * automatic reply, and a retracted message of the doctor's. */
export function threadDetail(overrides: Partial<ThreadDetail> = {}, until: string | null = null): ThreadDetail {
  return {
    ...thread(),
    messages: [
      {
        id: 11,
        threadId: 5,
        sender: "patient",
        mine: true,
        body: "May I take them\nwith food?",
        createdAt: "2026-12-01T08:00:00Z",
        readAt: null,
        retractedAt: null,
        retractableUntil: until,
      },
      {
        id: 12,
        threadId: 5,
        sender: "clinic",
        mine: false,
        body: "Thank you for your message. Not for emergencies — call 112.",
        createdAt: "2026-12-01T08:00:00Z",
        readAt: "2026-12-01T08:00:00Z",
        retractedAt: null,
        retractableUntil: null,
      },
      {
        id: 13,
        threadId: 5,
        sender: "doctor",
        mine: false,
        body: null,
        createdAt: "2026-12-01T09:30:00Z",
        readAt: null,
        retractedAt: "2026-12-01T09:31:00Z",
        retractableUntil: null,
      },
    ],
    block: null,
    canReply: true,
    ...overrides,
  };
}

export const DOCTORS: MessagingDoctor[] = [
  { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology", blockedReason: null },
  { id: 4, fullName: "Dr. Cleo Park", specialization: "Dermatology", blockedReason: "Please call the practice." },
];
