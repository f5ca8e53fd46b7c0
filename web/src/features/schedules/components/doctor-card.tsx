import { Clock, Globe } from "lucide-react";
import { Link } from "wouter";

import { Badge } from "@/components/ui/badge";
import { formatInstant } from "@/lib/format";

import { type Doctor } from "../api/types";

/** One doctor in the search results; the name links to their page. */
export function DoctorCard({ doctor, timeZone }: { doctor: Doctor; timeZone: string }) {
  return (
    <article className="grid gap-2 rounded-lg border bg-card p-4 shadow-xs" aria-labelledby={`doctor-${String(doctor.id)}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`doctor-${String(doctor.id)}`} className="text-base font-semibold">
          <Link
            href={`/doctors/${String(doctor.id)}`}
            className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60"
          >
            {doctor.fullName}
          </Link>
        </h2>
        <Badge variant="secondary">{doctor.specialization}</Badge>
      </div>
      <dl className="grid gap-1 text-sm text-muted-foreground">
        <div className="flex items-center gap-2">
          <Globe className="size-4" aria-hidden="true" />
          <dt className="sr-only">Time zone</dt>
          <dd>{doctor.timezone}</dd>
        </div>
        <div className="flex items-center gap-2">
          <Clock className="size-4" aria-hidden="true" />
          <dt>Next available:</dt>
          <dd className="font-medium text-foreground">
            {doctor.nextAvailable === null ? "No free slots in the next 60 days" : formatInstant(doctor.nextAvailable, timeZone)}
          </dd>
        </div>
      </dl>
    </article>
  );
}
