import { CalendarPlus, Copy } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { formatInstant } from "@/lib/format";

import { useCreateCalendarLink } from "../api/create-calendar-link";
import { useCalendarLink } from "../api/get-calendar-link";
import { useRevokeCalendarLink } from "../api/revoke-calendar-link";
import { changeErrorMessage } from "./messages";

type Confirmation = "reset" | "off";

const CONFIRM = {
  reset: {
    title: "Reset the subscription link?",
    description:
      "The current link stops working at once. Calendars subscribed with it stop updating until you subscribe again with the new link.",
    action: "Reset link",
  },
  off: {
    title: "Turn the subscription link off?",
    description: "The link stops working at once. Calendars subscribed with it stop updating.",
    action: "Turn off",
  },
} as const;

/**
 * "Subscribe in your calendar app": a secret link to the caller's calendar feed for Google
 * Calendar, Apple Calendar or Thunderbird. The server shows a link only once (it keeps a hash),
 * so an existing link can be reset (replaced) or turned off, never shown again.
 */
export function CalendarSubscription({ zone }: { zone: string }) {
  const status = useCalendarLink();
  const create = useCreateCalendarLink();
  const revoke = useRevokeCalendarLink();
  const [url, setUrl] = useState<string | null>(null);
  // The dialog keeps its text while it closes: `open` and which question are separate.
  const [confirming, setConfirming] = useState<{ kind: Confirmation; open: boolean }>({ kind: "reset", open: false });
  const inputId = useId();
  const noteId = useId();

  function makeLink() {
    create.mutate(undefined, {
      onSuccess: (link) => { setUrl(link.url); },
      onError: (error) => {
        toast({ title: "Could not create the link", description: changeErrorMessage(error), variant: "destructive" });
      },
    });
  }

  function turnOff() {
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl(null);
        toast({ title: "Subscription link turned off", variant: "success" });
      },
      onError: (error) => {
        toast({ title: "Could not turn it off", description: changeErrorMessage(error), variant: "destructive" });
      },
    });
  }

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      toast({ title: "Link copied", variant: "success" });
    } catch {
      toast({ title: "Could not copy", description: "Select the link and copy it by hand.", variant: "destructive" });
    }
  }

  const active = url !== null || status.data?.active === true;
  const busy = create.isPending || revoke.isPending;
  const dialog = CONFIRM[confirming.kind];

  return (
    <Card className="gap-4 py-4">
      <CardHeader className="px-4">
        <CardTitle as="h2" className="text-base">
          Subscribe in your calendar app
        </CardTitle>
        <CardDescription>
          Google Calendar, Apple Calendar or Thunderbird can follow your upcoming appointments through a private
          link. The calendar shows times and names, never the reason for a visit.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 px-4">
        {url !== null ? (
          <div className="grid gap-2">
            <label htmlFor={inputId} className="text-sm font-medium">
              Your subscription link
            </label>
            <div className="flex gap-2">
              <Input
                id={inputId}
                readOnly
                value={url}
                aria-describedby={noteId}
                onFocus={(event) => { event.currentTarget.select(); }}
              />
              <Button type="button" variant="outline" onClick={() => void copy(url)}>
                <Copy aria-hidden="true" />
                Copy
              </Button>
            </div>
            <p id={noteId} className="text-sm text-muted-foreground">
              Keep this link secret: anyone who has it can see your appointment times. It is shown only now; if it
              leaks, reset it.
            </p>
          </div>
        ) : active && status.data?.createdAt ? (
          <p className="text-sm text-muted-foreground">
            A subscription link is active since {formatInstant(status.data.createdAt, zone)}. For your privacy it
            cannot be shown again: reset it to get a new one.
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {active ? (
            <>
              <Button type="button" variant="outline" size="sm" disabled={busy} onClick={() => { setConfirming({ kind: "reset", open: true }); }}>
                Reset link
              </Button>
              <Button type="button" variant="ghost" size="sm" disabled={busy} onClick={() => { setConfirming({ kind: "off", open: true }); }}>
                Turn off
              </Button>
            </>
          ) : (
            <Button type="button" size="sm" disabled={busy || status.isPending} onClick={makeLink}>
              <CalendarPlus aria-hidden="true" />
              Create subscription link
            </Button>
          )}
        </div>
      </CardContent>
      <ConfirmDialog
        open={confirming.open}
        onOpenChange={(open) => { setConfirming({ ...confirming, open }); }}
        title={dialog.title}
        description={dialog.description}
        confirmLabel={dialog.action}
        cancelLabel="Keep it"
        onConfirm={() => {
          if (confirming.kind === "reset") makeLink();
          else turnOff();
          setConfirming({ ...confirming, open: false });
        }}
      />
    </Card>
  );
}
