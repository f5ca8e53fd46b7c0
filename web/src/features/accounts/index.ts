// The public surface of the accounts feature. Pages are lazy-loaded by app/router.tsx
// from ./routes/*; this file stays light because the app shell imports it eagerly.
export { currentUserQueryOptions, getCurrentUser, useCurrentUser } from "./api/get-current-user";
export { specializationsQueryOptions, useSpecializations, type Specialization } from "./api/list-specializations";
export { useLogout } from "./api/logout";
export { updateUser } from "./api/update-user";
export { useIdleSessionEnd } from "./api/use-idle-session-end";
export { PendingApprovalBanner } from "./components/pending-approval-banner";
export { homePathFor, MFA_ENROLMENT_PATH, mfaEnrolmentPending, ROLE_LABEL, type Role, type User } from "./types";
export { browserTimeZone } from "./utils";
