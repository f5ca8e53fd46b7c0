import { AlertCircle, CheckCircle2, type LucideIcon } from "lucide-react";
import { type ReactNode } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** A message about the whole form, announced when it appears. */
export function FormAlert({
  title,
  children,
  variant = "destructive",
}: {
  title: string;
  children?: ReactNode;
  variant?: "destructive" | "default";
}) {
  const Icon: LucideIcon = variant === "destructive" ? AlertCircle : CheckCircle2;
  return (
    <Alert variant={variant} live>
      <Icon aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      {children !== undefined && <AlertDescription>{children}</AlertDescription>}
    </Alert>
  );
}
