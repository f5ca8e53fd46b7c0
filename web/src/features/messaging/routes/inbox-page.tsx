import { PenSquare } from "lucide-react";
import { Link } from "wouter";

import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";

import { useCurrentUser } from "@/features/accounts";
import { useThreads } from "../api/get-threads";
import { ThreadList } from "../components/thread-list";

/** Patient and doctor: every conversation, latest first, with unread counts. */
export function InboxPage() {
  const user = useCurrentUser();
  const threads = useThreads();
  const isPatient = user.data?.role === "patient";
  return (
    <>
      <title>Messages · Clinic360</title>
      <PageHeader
        title="Messages"
        description={
          isPatient
            ? "Write to your doctors. Not for emergencies: in an emergency, call the clinic's emergency line."
            : "Messages from patients in your care."
        }
        actions={
          isPatient ? (
            <Button asChild>
              <Link href="/messages/new">
                <PenSquare aria-hidden="true" />
                New message
              </Link>
            </Button>
          ) : undefined
        }
      />
      {threads.isPending ? (
        <ListSkeleton label="Loading messages" />
      ) : threads.isError ? (
        <QueryError error={threads.error} />
      ) : (
        <ThreadList
          threads={threads.data.items}
          viewer={isPatient ? "patient" : "doctor"}
          timeZone={user.data?.timezone ?? "UTC"}
        />
      )}
    </>
  );
}
