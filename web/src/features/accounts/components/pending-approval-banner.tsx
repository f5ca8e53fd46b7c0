import { Clock } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

import { type User } from "../types";

/** Shown to a doctor an administrator has not approved yet. Nothing for anyone else. */
export function PendingApprovalBanner({ user }: { user: User }) {
  if (user.role !== "doctor" || user.approved) return null;
  return (
    <Alert className="mb-6 border-warning/50 bg-warning/10">
      <Clock aria-hidden="true" />
      <AlertTitle>Your account is waiting for approval</AlertTitle>
      <AlertDescription>
        <p>
          An administrator will review your registration soon. You can already set up your schedule; patients
          can find and book you once you are approved.
        </p>
      </AlertDescription>
    </Alert>
  );
}
