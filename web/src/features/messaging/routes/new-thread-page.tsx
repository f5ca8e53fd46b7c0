import { ArrowLeft, MessageSquareOff } from "lucide-react";
import { Link } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Card, CardContent } from "@/components/ui/card";

import { useMessageDoctors } from "../api/get-message-doctors";
import { NewThreadForm } from "../components/new-thread-form";

/** Patient: write to one of my doctors who accept messages. */
export function NewThreadPage() {
  const doctors = useMessageDoctors();
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
              <NewThreadForm doctors={doctors.data} />
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
