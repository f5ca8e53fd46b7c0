import { AlertCircle } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";

/** Loading placeholder for a list. */
export function ListSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="grid gap-3">
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-20 w-full" />
    </div>
  );
}

/** A failed query, said plainly: not found / not allowed / try again. */
export function QueryError({ error }: { error: unknown }) {
  let message = "Something went wrong. Try again in a moment.";
  if (error instanceof ApiError) {
    if (error.status === 404) message = "Not found, or not available to you.";
    else if (error.status === 403) message = error.detail ?? "You are not allowed to see this.";
    else if (error.status === 503) message = "The service is busy. Try again in a moment.";
  }
  return (
    <Alert variant="destructive">
      <AlertCircle aria-hidden="true" />
      <AlertTitle>Could not load</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
