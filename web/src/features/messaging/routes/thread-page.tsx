import { ArrowLeft, Info } from "lucide-react";
import { useEffect, useState } from "react";
import { Link, useParams } from "wouter";

import { ListSkeleton, QueryError } from "@/components/query-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";

import { useCurrentUser } from "@/features/accounts";
import { useThread } from "../api/get-thread";
import { type ThreadDetail } from "../api/types";
import { MessageItem } from "../components/message-item";
import { ReplyForm } from "../components/reply-form";
import { ThreadActions } from "../components/thread-actions";

/** Re-render every 15 s so that "Retract" disappears when its window ends. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 15_000);
    return () => {
      window.clearInterval(timer);
    };
  }, []);
  return now;
}

function WhyNoReply({ thread }: { thread: ThreadDetail }) {
  if (thread.block !== null) {
    return (
      <Alert>
        <Info aria-hidden="true" />
        <AlertTitle>{thread.doctor.fullName} does not accept messages from you</AlertTitle>
        <AlertDescription>“{thread.block.reason}”</AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert>
      <Info aria-hidden="true" />
      <AlertDescription>
        {thread.status === "closed"
          ? "Your doctor closed this conversation. Start a new one to write again."
          : "You cannot write in this conversation now (the doctor no longer accepts messages, or you have no appointment with them). For anything urgent, call the clinic."}
      </AlertDescription>
    </Alert>
  );
}

/** One conversation: its messages, the reply box, and the doctor's close and block actions. */
export function ThreadPage() {
  const params = useParams<{ id: string }>();
  const threadId = Number(params.id);
  const user = useCurrentUser();
  const thread = useThread(threadId);
  const now = useNow();
  const timeZone = user.data?.timezone ?? "UTC";
  const isDoctor = user.data?.role === "doctor";

  return (
    <>
      <title>Conversation · Clinic360</title>
      <div className="mx-auto grid max-w-3xl gap-4">
        <Link href="/messages" className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
          <ArrowLeft className="size-4" aria-hidden="true" />
          Messages
        </Link>
        {thread.isPending ? (
          <ListSkeleton label="Loading conversation" />
        ) : thread.isError ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Conversation</h1>
            <QueryError error={thread.error} />
          </>
        ) : (
          <>
            <div className="grid gap-2">
              <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{thread.data.subject}</h1>
              <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                <span>
                  {isDoctor ? `With ${thread.data.patient.fullName}` : `With ${thread.data.doctor.fullName}`}
                </span>
                {thread.data.status === "closed" && <Badge variant="secondary">Closed</Badge>}
                {thread.data.block !== null && isDoctor && <Badge variant="warning">Patient blocked</Badge>}
              </p>
              {isDoctor && <ThreadActions thread={thread.data} />}
            </div>
            <section aria-labelledby="messages-heading" className="grid gap-2">
              <h2 id="messages-heading" className="sr-only">
                Messages
              </h2>
              <ol className="grid gap-3" aria-label="Messages">
                {thread.data.messages.map((message) => (
                  <MessageItem key={message.id} message={message} thread={thread.data} timeZone={timeZone} now={now} />
                ))}
              </ol>
            </section>
            <section aria-labelledby="reply-heading" className="grid gap-2">
              <h2 id="reply-heading" className="text-lg font-semibold">
                Reply
              </h2>
              {thread.data.canReply ? (
                <ReplyForm
                  threadId={threadId}
                  reopens={isDoctor && thread.data.status === "closed"}
                  hint={isDoctor ? "Plain text. The patient is emailed that you wrote, not what." : "Plain text. Not for emergencies."}
                />
              ) : (
                <WhyNoReply thread={thread.data} />
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
