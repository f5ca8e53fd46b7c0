import { AlertCircle } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";

/** Loading placeholder for a list of cards. */
export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="grid gap-3">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-20 w-full" />
      ))}
    </div>
  );
}

/** A failed query, said plainly. */
export function QueryError({ error }: { error: unknown }) {
  let message = "Something went wrong. Try again in a moment.";
  if (error instanceof ApiError) {
    if (error.status === 404) message = "Not found, or not available to you.";
    else if (error.status === 403) message = error.detail ?? "You are not allowed to see this.";
    else if (error.status === 422) message = error.detail ?? "The request was not valid.";
    else if (error.status === 0) message = error.detail ?? message;
  }
  return (
    <Alert variant="destructive">
      <AlertCircle aria-hidden="true" />
      <AlertTitle>Could not load</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

/** The message to toast for a failed write. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  return "Something went wrong. Try again in a moment.";
}
