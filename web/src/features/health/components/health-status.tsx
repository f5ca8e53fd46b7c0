import { isApiError } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { Skeleton } from "@/components/ui/skeleton";

import { useHealth, type Health } from "../api/get-health";

type Tone = "ok" | "degraded" | "down" | "unknown";

const DOT: Record<Tone, string> = {
  ok: "bg-success",
  degraded: "bg-warning",
  down: "bg-destructive",
  unknown: "bg-muted-foreground",
};

function degradedParts(health: Health): string[] {
  return (["database", "queue"] as const).filter((part) => health[part] !== "ok");
}

function Indicator({ tone, label, detail }: { tone: Tone; label: string; detail?: string }) {
  return (
    <span className="inline-flex items-center gap-2 rounded-full border bg-background/70 px-3 py-1 text-sm shadow-xs">
      <span className="relative flex size-2.5" aria-hidden="true">
        {tone === "ok" && (
          <span className={cn("absolute inline-flex size-full rounded-full opacity-60 motion-safe:animate-ping", DOT[tone])} />
        )}
        <span className={cn("relative inline-flex size-2.5 rounded-full", DOT[tone])} />
      </span>
      <span className="font-medium">{label}</span>
      {detail !== undefined && <span className="text-muted-foreground">{detail}</span>}
    </span>
  );
}

/** A small live indicator of GET /api/health. */
export function HealthStatus({ className }: { className?: string }) {
  const health = useHealth();

  let content;
  if (health.isPending) {
    content = (
      <>
        <Skeleton className="h-8 w-52 rounded-full" />
        <span className="sr-only">Checking system status…</span>
      </>
    );
  } else if (health.isError) {
    const serverDown = isApiError(health.error) && health.error.status >= 500;
    content = serverDown ? (
      <Indicator tone="down" label="Service disruption" detail="We're working on it." />
    ) : (
      <Indicator tone="unknown" label="Status unavailable" />
    );
  } else if (health.data.status === "ok") {
    content = <Indicator tone="ok" label="All systems operational" />;
  } else {
    const parts = degradedParts(health.data);
    content = (
      <Indicator
        tone="degraded"
        label="Degraded performance"
        detail={parts.length > 0 ? `Affected: ${parts.join(", ")}` : undefined}
      />
    );
  }

  return (
    <div role="status" aria-live="polite" className={cn("inline-flex", className)}>
      {content}
    </div>
  );
}
