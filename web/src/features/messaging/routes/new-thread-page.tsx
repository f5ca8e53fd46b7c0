import { ArrowLeft, MessageSquareOff } from "lucide-react";
import { useState } from "react";
import { Link } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Card, CardContent } from "@/components/ui/card";
import { useCurrentUser } from "@/features/accounts";
import { ActingForSelect } from "@/features/family";

import { useMessageDoctors } from "../api/get-message-doctors";
import { NewThreadForm } from "../components/new-thread-form";

/** Patient: write to one of my doctors who accept messages, or to a doctor of someone I act for
 * (a dependent, or a patient who gave me the messages capability). */
export function NewThreadPage() {
  const user = useCurrentUser();
  const [actingFor, setActingFor] = useState<number | null>(null);
  const patientId = actingFor === user.data?.id ? null : actingFor;
  const doctors = useMessageDoctors(patientId);
  return (
    <>
      <title>New message · Clinic360</title>
      <div className="grid max-w-3xl gap-4">
        <Link href="/messages" className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
          <ArrowLeft className="size-4" aria-hidden="true" />
          Messages
        </Link>
        <PageHeader
          title="New message"
          description="You can write to doctors you have an appointment with who accept messages."
          className="mb-0"
        />
        {user.data && (
          <ActingForSelect
            capability="messages"
            value={patientId ?? user.data.id}
            onChange={(id) => {
              setActingFor(id);
            }}
          />
        )}
        {doctors.isPending ? (
          <ListSkeleton label="Loading your doctors" rows={1} />
        ) : doctors.isError ? (
          <QueryError error={doctors.error} />
        ) : doctors.data.length === 0 ? (
          <EmptyState
            icon={MessageSquareOff}
            title="None of your doctors accepts messages"
            description="Book an appointment, or call the clinic."
          />
        ) : (
          <Card>
            <CardContent className="pt-6">
              <NewThreadForm key={String(patientId)} doctors={doctors.data} patientId={patientId} />
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
