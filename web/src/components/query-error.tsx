import { AlertTriangle, RotateCw } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { isApiError } from "@/lib/api-client";

/** A failed load inside a page: what failed, the error id to quote, and a retry button. */
export function QueryError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const errorId = isApiError(error) ? error.errorId : undefined;
  const offline = isApiError(error) && error.status === 0;
  return (
    <Alert variant="destructive">
      <AlertTriangle aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{offline ? "Could not reach the server. Check your connection." : "Please try again in a moment."}</p>
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
