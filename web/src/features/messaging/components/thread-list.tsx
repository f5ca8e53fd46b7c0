import { Lock, MessageSquare } from "lucide-react";
import { Link } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { formatInstant } from "@/lib/format";

import { type Thread } from "../api/types";

/** The inbox: each thread with its subject, the other person, the last message's time and
 * how many messages wait unread. */
export function ThreadList({
  threads,
  viewer,
  timeZone,
}: {
  threads: Thread[];
  viewer: "patient" | "doctor";
  timeZone: string;
}) {
  if (threads.length === 0) {
    return (
      <EmptyState
        icon={MessageSquare}
        title="No messages yet"
        description={
          viewer === "patient"
            ? "Write to one of your doctors with “New message”."
            : "Messages from your patients appear here."
        }
      />
    );
  }
  return (
    <ul className="grid gap-2" aria-label="Conversations">
      {threads.map((thread) => {
        const other = viewer === "patient" ? thread.doctor : thread.patient;
        return (
          <li key={thread.id}>
            <Link
              href={`/messages/${String(thread.id)}`}
              className="flex flex-col gap-1 rounded-lg border bg-card p-4 outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/60 sm:flex-row sm:items-center sm:justify-between"
            >
              <span className="min-w-0">
                <span className={thread.unread > 0 ? "block truncate font-semibold" : "block truncate font-medium"}>
                  {thread.subject}
                </span>
                <span className="block text-sm text-muted-foreground">
                  {other.fullName}
                  {other.specialization !== null && other.specialization !== undefined && viewer === "patient"
                    ? ` · ${other.specialization}`
                    : ""}
                </span>
              </span>
              <span className="flex shrink-0 items-center gap-2 text-sm text-muted-foreground">
                {thread.status === "closed" && (
                  <Badge variant="secondary">
                    <Lock aria-hidden="true" />
                    Closed
                  </Badge>
                )}
                <span>Last message {formatInstant(thread.lastMessageAt, timeZone)}</span>
                {thread.unread > 0 && <Badge>{thread.unread} unread</Badge>}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
