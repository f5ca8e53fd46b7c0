import { format, parseISO } from "date-fns";
import { ListX } from "lucide-react";
import { useState } from "react";
import { Link, useLocation, useSearchParams } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

import { useCurrentUser } from "@/features/accounts";
import { ActingForSelect } from "@/features/family";

import { useWaitlist } from "../api/get-waitlist";
import { useLeaveWaitlist } from "../api/leave-waitlist";
import { PARTS_OF_DAY, type WaitlistEntry } from "../api/types";
import { JoinForm } from "../components/join-form";

function formatDate(day: string): string {
  return format(parseISO(day), "EEE d MMM yyyy");
}

function describe(entry: WaitlistEntry): string {
  return entry.doctorName ?? `Any doctor of ${entry.specialization ?? "the specialization"}`;
}

function partsText(entry: WaitlistEntry): string {
  return PARTS_OF_DAY.filter((part) => entry.parts.includes(part.value))
    .map((part) => part.label.toLowerCase())
    .join(", ");
}

/** Patient: my waiting-list entries; `?doctor=<id>` opens the form to join that doctor's list.
 * "Acting for" shows and joins for a patient the caller acts for with `appointments`. */
export function WaitlistPage() {
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const doctorId = Number(params.get("doctor") ?? "");
  const user = useCurrentUser();
  const selfId = user.data?.id;
  const [chosen, setChosen] = useState<number | null>(null);
  const patientId = chosen === null || chosen === selfId ? undefined : chosen;
  const entries = useWaitlist(patientId);
  const leave = useLeaveWaitlist();
  return (
    <>
      <title>Waiting list · Clinic360</title>
      <div className="grid max-w-3xl gap-6">
        <PageHeader
          title="Waiting list"
          description="When a time that suits you becomes free, we email you a link to claim it. Whoever claims first gets it; you stay on the list otherwise."
          className="mb-0"
        />
        {selfId !== undefined && (
          <ActingForSelect
            capability="appointments"
            value={patientId ?? selfId}
            onChange={(id) => {
              setChosen(id);
            }}
          />
        )}
        {Number.isInteger(doctorId) && doctorId > 0 && (
          <Card>
            <CardContent className="pt-6">
              <JoinForm doctorId={doctorId} patientId={patientId} onJoined={() => { navigate("/waitlist"); }} />
            </CardContent>
          </Card>
        )}
        <section aria-labelledby="entries-heading" className="grid gap-3">
          <h2 id="entries-heading" className="text-lg font-semibold">
            {patientId === undefined ? "You are waiting for" : "They are waiting for"}
          </h2>
          {entries.isPending ? (
            <ListSkeleton label="Loading your waiting list" rows={2} />
          ) : entries.isError ? (
            <QueryError error={entries.error} />
          ) : entries.data.length === 0 ? (
            <EmptyState
              icon={ListX}
              title="You are not on a waiting list"
              description="Open a doctor's page and choose “Join the waiting list” when no time suits you."
              action={<Link href="/doctors" className="text-primary underline-offset-4 hover:underline">Find a doctor</Link>}
            />
          ) : (
            <ul className="grid gap-3">
              {entries.data.map((entry) => (
                <li key={entry.id}>
                  <Card>
                    <CardContent className="flex flex-wrap items-center gap-3 pt-6">
                      <div className="grid min-w-0 flex-1 gap-1">
                        <p className="font-medium">{describe(entry)}</p>
                        <p className="text-sm text-muted-foreground">
                          {entry.visitType ?? "Usual visit"} · {formatDate(entry.dateFrom)} – {formatDate(entry.dateTo)} · {partsText(entry)}
                        </p>
                      </div>
                      <Button
                        variant="outline"
                        disabled={leave.isPending}
                        aria-label={`Leave the waiting list for ${describe(entry)}`}
                        onClick={() => { leave.mutate(entry.id); }}
                      >
                        Leave
                      </Button>
                    </CardContent>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
