// The public surface of the health feature: other features import only from here.
export { getHealth, healthQueryOptions, useHealth, type Health } from "./api/get-health";
export { HealthStatus } from "./components/health-status";
