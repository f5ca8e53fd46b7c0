import { Ban, CheckCircle2, Mail, ShieldCheck, Stethoscope } from "lucide-react";
import { useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/use-toast";
import { formatInstant } from "@/lib/format";

import { useApproveDoctor } from "../api/approve-doctor";
import { useCurrentUser } from "@/features/accounts";
import { usePendingDoctors } from "../api/list-pending-doctors";
import { CreateStaffForm } from "../components/create-staff-form";
import { SpecializationsAdmin } from "../components/specializations-admin";
import { SuspendAccountDialog } from "../components/suspend-account-dialog";
import { type User } from "../types";
import { formErrorMessage } from "../utils";

function DoctorRow({ doctor, timeZone }: { doctor: User; timeZone: string }) {
  const approve = useApproveDoctor();
  const [suspendOpen, setSuspendOpen] = useState(false);

  const onApprove = () => {
    approve.mutate(doctor.id, {
      onSuccess: () => {
        toast({
          title: doctor.suspended ? `${doctor.fullName} is reinstated` : `${doctor.fullName} is approved`,
          description: "Patients can now find and book them.",
          variant: "success",
        });
      },
      onError: (error) => {
        toast({ title: "Could not approve", description: formErrorMessage(error), variant: "destructive" });
      },
    });
  };

  return (
    <li className="flex flex-col gap-4 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-medium">{doctor.fullName}</h2>
          {doctor.suspended ? (
            <Badge variant="destructive">Suspended</Badge>
          ) : (
            <Badge variant="warning">Waiting for approval</Badge>
          )}
        </div>
        <dl className="mt-1.5 grid gap-1 text-sm text-muted-foreground">
          <div className="flex items-center gap-1.5">
            <dt>
              <Stethoscope className="size-4" aria-hidden="true" />
              <span className="sr-only">Specialization</span>
            </dt>
            <dd>{doctor.specialization ?? "—"}</dd>
          </div>
          <div className="flex min-w-0 items-center gap-1.5">
            <dt>
              <Mail className="size-4" aria-hidden="true" />
              <span className="sr-only">Email</span>
            </dt>
            <dd className="truncate">
              {doctor.email} · @{doctor.username}
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt>Registered</dt>
            <dd>{formatInstant(doctor.createdAt, timeZone)}</dd>
          </div>
        </dl>
      </div>
      <div className="flex shrink-0 gap-2">
        {!doctor.suspended && (
          <Button
            variant="outline"
            onClick={() => {
              setSuspendOpen(true);
            }}
            aria-label={`Suspend ${doctor.fullName}`}
          >
            <Ban aria-hidden="true" />
            Suspend
          </Button>
        )}
        <Button onClick={onApprove} disabled={approve.isPending} aria-label={`${doctor.suspended ? "Reinstate" : "Approve"} ${doctor.fullName}`}>
          <CheckCircle2 aria-hidden="true" />
          {doctor.suspended ? "Reinstate" : "Approve"}
        </Button>
      </div>
      <SuspendAccountDialog account={doctor} open={suspendOpen} onOpenChange={setSuspendOpen} />
    </li>
  );
}

function ListSkeleton() {
  return (
    <Card className="gap-0 divide-y py-0" aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center justify-between gap-4 p-5">
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-4 w-64 max-w-full" />
          </div>
          <Skeleton className="h-10 w-28" />
        </div>
      ))}
    </Card>
  );
}

/**
 * The admin dashboard: doctors waiting for approval (and suspended ones) with actions, then the
 * clinic's list of specializations.
 */
export function AdminPage() {
  const { data: user } = useCurrentUser();
  const doctors = usePendingDoctors();
  const timeZone = user?.timezone ?? "UTC";

  let content;
  if (doctors.isPending) {
    content = (
      <>
        <p role="status" className="sr-only">
          Loading doctors…
        </p>
        <ListSkeleton />
      </>
    );
  } else if (doctors.isError) {
    content = (
      <QueryError
        title="The doctors could not be loaded"
        error={doctors.error}
        onRetry={() => void doctors.refetch()}
      />
    );
  } else if (doctors.data.length === 0) {
    content = (
      <EmptyState
        icon={ShieldCheck}
        title="No doctors are waiting"
        description="New doctor registrations appear here for you to approve."
      />
    );
  } else {
    const pending = doctors.data.filter((d) => !d.suspended).length;
    content = (
      <section aria-labelledby="pending-title">
        <p id="pending-title" className="mb-3 text-sm text-muted-foreground">
          {pending} waiting for approval
          {doctors.data.length > pending && `, ${doctors.data.length - pending} suspended`}
        </p>
        <Card className="gap-0 py-0">
          <ul className="divide-y">
            {doctors.data.map((doctor) => (
              <DoctorRow key={doctor.id} doctor={doctor} timeZone={timeZone} />
            ))}
          </ul>
        </Card>
      </section>
    );
  }

  return (
    <>
      <title>Doctor approvals · Clinic360</title>
      <PageHeader
        title="Doctor approvals"
        description="Approve new doctors so that patients can find and book them, or suspend an account."
      />
      {content}
      <SpecializationsAdmin />
      <section aria-labelledby="staff-title" className="mt-8">
        <h2 id="staff-title" className="mb-3 text-lg font-semibold">Staff</h2>
        <Card className="p-4">
          <CreateStaffForm />
        </Card>
      </section>
    </>
  );
}
