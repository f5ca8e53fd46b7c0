import { Badge } from "@/components/ui/badge";

import { type AppointmentStatus } from "../api/types";
import { statusLabel, statusVariant } from "../status";

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <Badge variant={statusVariant(status)}>{statusLabel(status)}</Badge>;
}
