import { LoaderCircle } from "lucide-react";

/** Shown while a lazily loaded page arrives. */
export function PageLoading() {
  return (
    <div role="status" className="flex min-h-dvh items-center justify-center text-muted-foreground">
      <LoaderCircle className="size-6 motion-safe:animate-spin" aria-hidden="true" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
