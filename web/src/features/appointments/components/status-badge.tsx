import { Badge, type BadgeProps } from "@/components/ui/badge";

import { type AppointmentStatus } from "../api/types";

const LOOK: Record<AppointmentStatus, { label: string; variant: BadgeProps["variant"] }> = {
  scheduled: { label: "Scheduled", variant: "secondary" },
  confirmed: { label: "Confirmed", variant: "success" },
  completed: { label: "Completed", variant: "outline" },
  cancelled: { label: "Cancelled", variant: "destructive" },
  no_show: { label: "No-show", variant: "warning" },
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { label, variant } = LOOK[status];
  return <Badge variant={variant}>{label}</Badge>;
}
