import { Paperclip, Undo2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { formatInstant } from "@/lib/format";
import { cn } from "@/lib/utils";

import { attachmentUrl } from "../api/attachment-url";
import { useRetractMessage } from "../api/retract-message";
import { type Message, type ThreadDetail } from "../api/types";
import { messagingProblem } from "./problem-text";

function senderName(message: Message, thread: ThreadDetail): string {
  if (message.mine) return "You";
  if (message.sender === "clinic") return "Clinic (automatic reply)";
  return message.sender === "doctor" ? thread.doctor.fullName : thread.patient.fullName;
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${String(Math.ceil(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One message: who, when, the text (or "Retracted"), and "Retract" while the sender may. */
export function MessageItem({
  message,
  thread,
  timeZone,
  now,
}: {
  message: Message;
  thread: ThreadDetail;
  timeZone: string;
  now: number;
}) {
  const retract = useRetractMessage(thread.id);
  const until = message.retractableUntil;
  const retractable = until !== null && Date.parse(until) > now;
  return (
    <li
      className={cn(
        "grid gap-1 rounded-lg border p-3",
        message.mine ? "bg-accent/40 sm:ml-12" : "bg-card sm:mr-12",
        message.sender === "clinic" && "border-dashed",
      )}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{senderName(message, thread)}</span>
        <span className="text-muted-foreground">{formatInstant(message.createdAt, timeZone)}</span>
      </div>
      {message.retractedAt !== null ? (
        <p className="text-sm text-muted-foreground italic">Retracted</p>
      ) : (
        <p className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">{message.body}</p>
      )}
      {message.attachment != null && (
        <a
          className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline [overflow-wrap:anywhere]"
          href={attachmentUrl(message.id)}
          download={message.attachment.fileName}
        >
          <Paperclip aria-hidden="true" className="size-4" />
          {message.attachment.fileName}{" "}
          <span className="sr-only">(download, {formatSize(message.attachment.size)})</span>
        </a>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span>{message.mine && message.sender !== "clinic" && (message.readAt !== null ? "Read" : "Not read yet")}</span>
        {retractable && (
          <Button
            variant="ghost"
            size="sm"
            disabled={retract.isPending}
            onClick={() => {
              retract.mutate(message.id, {
                onError: (error) => {
                  toast({ title: "Could not retract", description: messagingProblem(error), variant: "destructive" });
                },
              });
            }}
          >
            <Undo2 aria-hidden="true" />
            Retract
          </Button>
        )}
      </div>
    </li>
  );
}
