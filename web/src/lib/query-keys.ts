/**
 * Every query key of the web app, in one tree. Each endpoint's `queryOptions` (in the api/ folder
 * of the one feature that owns the endpoint) takes its key from here, and mutations invalidate
 * through here, so a mutation in one feature reaches the queries of another without importing
 * its internals. Keys are prefixes of one another: invalidating `doctors.slots(id)` covers that
 * doctor's slots in every date range; `doctors.all` covers lists, details and slots.
 */
export const queryKeys = {
  accounts: {
    currentUser: ["accounts", "current-user"],
    sessionPolicy: ["accounts", "session-policy"],
    pendingDoctors: ["accounts", "admin", "doctors", { approved: false }],
  },
  health: ["health"],
  doctors: {
    all: ["doctors"],
    lists: ["doctors", "list"],
    list: (filters: object) => ["doctors", "list", filters] as const,
    detail: (doctorId: number) => ["doctors", "detail", doctorId] as const,
    slots: (doctorId: number) => ["doctors", "slots", doctorId] as const,
    slotRange: (doctorId: number, range: object) => ["doctors", "slots", doctorId, range] as const,
  },
  mySchedule: ["schedule", "mine"],
  appointments: {
    all: ["appointments"],
    lists: ["appointments", "list"],
    list: (filters: object) => ["appointments", "list", filters] as const,
    detail: (appointmentId: number) => ["appointments", "detail", appointmentId] as const,
  },
  calendarLink: ["calendar-link"],
  records: {
    ofPatient: (patientId: number) => ["records", "patient", patientId] as const,
    history: (recordId: number) => ["records", "history", recordId] as const,
  },
  patients: {
    all: ["patients"],
    list: (filters: object) => ["patients", "list", filters] as const,
    detail: (patientId: number) => ["patients", "detail", patientId] as const,
  },
  accessLog: {
    all: ["access-log"],
    groups: ["access-log", "groups"],
  },
  messages: {
    all: ["messages"],
    threadLists: ["messages", "threads", "list"],
    threadList: (filters: object) => ["messages", "threads", "list", filters] as const,
    thread: (threadId: number) => ["messages", "threads", "detail", threadId] as const,
    unread: ["messages", "unread"],
    doctors: ["messages", "doctors"],
  },
} as const;
