import { AlertTriangle, RotateCw } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/api-client";

/** Loading placeholder for a list of cards. */
export function ListSkeleton({ label = "Loading", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="grid gap-3">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-20 w-full" />
      ))}
    </div>
  );
}

/** What went wrong with a load, said plainly (404 and 403 give nothing away). */
export function queryErrorMessage(error: unknown): string {
  if (!isApiError(error)) return "Something went wrong. Try again in a moment.";
  switch (error.status) {
    case 0:
      return "Could not reach the server. Check your connection.";
    case 403:
      return error.detail ?? "You are not allowed to see this.";
    case 404:
      return "Not found, or not available to you.";
    case 422:
      return error.detail ?? "The request was not valid.";
    case 429:
      return "Too many requests from your connection. Wait a minute and try again.";
    case 503:
      return "The service is busy. Try again in a moment.";
    default:
      return "Something went wrong. Try again in a moment.";
  }
}

/** The message to toast for a failed write. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.detail ?? error.title;
  return "Something went wrong. Try again in a moment.";
}

/** A failed load inside a page: what failed, the error id to quote, and maybe a retry button. */
export function QueryError({
  error,
  title = "Could not load",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const errorId = isApiError(error) ? error.errorId : undefined;
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{queryErrorMessage(error)}</p>
        {errorId !== undefined && (
          <p>
            Error ID <code className="font-mono">{errorId}</code>
          </p>
        )}
        {onRetry !== undefined && (
          <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
            <RotateCw aria-hidden="true" />
            Try again
          </Button>
        )}
      </AlertDescription>
    </Alert>
  );
}
