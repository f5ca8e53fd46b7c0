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
    /** The admin users page's searches (every search: a prefix of each). */
    adminUsers: ["accounts", "admin", "users"],
    adminUserSearch: (search: object) => ["accounts", "admin", "users", search] as const,
  },
  specializations: {
    all: ["specializations"],
    active: ["specializations", "active"],
    admin: ["specializations", "admin"],
  },
  health: ["health"],
  doctors: {
    all: ["doctors"],
    lists: ["doctors", "list"],
    list: (filters: object) => ["doctors", "list", filters] as const,
    detail: (doctorId: number) => ["doctors", "detail", doctorId] as const,
    slots: (doctorId: number) => ["doctors", "slots", doctorId] as const,
    slotRange: (doctorId: number, range: object) => ["doctors", "slots", doctorId, range] as const,
    visitTypes: (doctorId: number) => ["doctors", "visit-types", doctorId] as const,
  },
  mySchedule: ["schedule", "mine"],
  /** Clinic closures (public holidays): every doctor's slots depend on them. */
  closures: {
    all: ["closures"],
    admin: (year: number) => ["closures", "admin", year] as const,
  },
  /** The manager's and admin's reports, per range and filters. */
  reports: {
    all: ["reports"],
    report: (range: object) => ["reports", range] as const,
  },
  visitTypes: {
    all: ["visit-types"],
    managed: (doctorId: number | null) => ["visit-types", "managed", doctorId] as const,
  },
  appointments: {
    all: ["appointments"],
    lists: ["appointments", "list"],
    list: (filters: object) => ["appointments", "list", filters] as const,
    detail: (appointmentId: number) => ["appointments", "detail", appointmentId] as const,
    series: (seriesId: number) => ["appointments", "series", seriesId] as const,
  },
  calendarLink: ["calendar-link"],
  /** The time grid (front desk and agenda), per range and doctors. */
  calendar: {
    all: ["calendar"],
    view: (filters: object) => ["calendar", filters] as const,
  },
  /** A live-events ticket (never cached: one per stream connection). */
  live: { ticket: ["live", "ticket"] },
  /** The front desk (receptionists): patient search and the day's appointments of every doctor. */
  frontDesk: {
    all: ["front-desk"],
    patients: (q: string) => ["front-desk", "patients", q] as const,
    day: (range: object) => ["front-desk", "day", range] as const,
  },
  /** SMART apps: the consent step of one authorization request, the apps a user authorized. */
  oauth: {
    consent: (request: string) => ["oauth", "consent", request] as const,
    myApps: ["oauth", "apps"],
  },
  /** The signed-in patient's own attendance record (GET /api/attendance). */
  myAttendance: ["attendance", "mine"],
  /** An appointment seen through the link in its email (the token is the credential). */
  manageLink: {
    state: (token: string) => ["manage-link", token] as const,
    alternatives: (token: string) => ["manage-link", token, "alternatives"] as const,
  },
  /** The patient's waiting-list entries, and an offer seen through its claim link. */
  waitlist: {
    entries: ["waitlist", "entries"],
    /** The entries of a patient the caller acts for (family access). */
    entriesOf: (patientId: number) => ["waitlist", "entries", patientId] as const,
    offer: (token: string) => ["waitlist", "offer", token] as const,
  },
  records: {
    ofPatient: (patientId: number) => ["records", "patient", patientId] as const,
    history: (recordId: number) => ["records", "history", recordId] as const,
    /** Every chart list and the summary of one patient (what a chart write invalidates). */
    chart: (patientId: number) => ["records", "chart", patientId] as const,
    chartList: (patientId: number, list: string) => ["records", "chart", patientId, "list", list] as const,
    chartSummary: (patientId: number) => ["records", "chart", patientId, "summary"] as const,
    chartHistory: (patientId: number, list: string, itemId: number) =>
      ["records", "chart", patientId, "history", list, itemId] as const,
    /** The patient's timeline (every record, chart or document write changes it). */
    timeline: (patientId: number) => ["records", "timeline", patientId] as const,
    documents: (patientId: number) => ["records", "documents", patientId] as const,
  },
  /** Intake questionnaires: a visit type's questions, an appointment's answers (signed in or
   * through its manage link). */
  intake: {
    questions: (visitTypeId: number) => ["intake", "questions", visitTypeId] as const,
    appointment: (appointmentId: number) => ["intake", "appointment", appointmentId] as const,
    /** Every answer set of an appointment (a save adds one). */
    versions: (appointmentId: number) => ["intake", "appointment", appointmentId, "versions"] as const,
    link: (token: string) => ["intake", "link", token] as const,
  },
  patients: {
    all: ["patients"],
    list: (filters: object) => ["patients", "list", filters] as const,
    detail: (patientId: number) => ["patients", "detail", patientId] as const,
  },
  /** Family access: dependents, proxy grants, who the signed-in patient may act for. */
  family: ["family"],
  accessLog: {
    all: ["access-log"],
    groups: ["access-log", "groups"],
    /** The groups of a patient the caller acts for (family access). */
    groupsOf: (patientId: number) => ["access-log", "groups", patientId] as const,
  },
  messages: {
    all: ["messages"],
    threadLists: ["messages", "threads", "list"],
    threadList: (filters: object) => ["messages", "threads", "list", filters] as const,
    thread: (threadId: number) => ["messages", "threads", "detail", threadId] as const,
    unread: ["messages", "unread"],
    doctors: ["messages", "doctors"],
    /** The doctors one may write to, for oneself (null) or a patient one acts for. */
    doctorsFor: (patientId: number | null) => ["messages", "doctors", patientId] as const,
  },
} as const;
