// The public surface of the waitlist feature: its pages are loaded by app/router.tsx from
// ./routes/*; other features link to `/waitlist?doctor=<id>` rather than import it.
export { useWaitlist } from "./api/get-waitlist";
export type { WaitlistEntry } from "./api/types";
