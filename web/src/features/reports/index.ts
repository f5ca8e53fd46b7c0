// The public surface of the reports feature: its page is loaded by app/router.tsx from ./routes/*.
export { useReport } from "./api/get-report";
export type { Report, ReportRange } from "./api/types";
