// The public surface of the messaging feature: other features and the app layer import only
// from here. Pages are lazy-loaded by app/router.tsx from ./routes/*.
export { UNREAD_POLL_MS, useUnreadCount } from "./api/get-unread-count";
export type { Message, MessagingDoctor, Thread, ThreadDetail } from "./api/types";
