import { Ban, Lock, ShieldCheck } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";

import { useBlockPatient } from "../api/block-patient";
import { useCloseThread } from "../api/close-thread";
import { type ThreadDetail } from "../api/types";
import { useUnblockPatient } from "../api/unblock-patient";
import { messagingProblem } from "./problem-text";

function failed(title: string) {
  return (error: unknown) => {
    toast({ title, description: messagingProblem(error), variant: "destructive" });
  };
}

function BlockDialog({ thread }: { thread: ThreadDetail }) {
  const block = useBlockPatient(thread.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Ban aria-hidden="true" />
          Block patient
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim() === "") {
              setError("Give the patient a reason");
              return;
            }
            block.mutate(reason.trim(), {
              onSuccess: () => {
                setOpen(false);
                toast({ title: "Patient blocked", variant: "success" });
              },
              onError: failed("Could not block"),
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>Block {thread.patient.fullName}?</DialogTitle>
            <DialogDescription>
              They can no longer write to you, in this or a new conversation, until you unblock them. They see your
              reason.
            </DialogDescription>
          </DialogHeader>
          <FormField label="Reason shown to the patient" error={error} required>
            {(field) => (
              <Input
                {...field}
                maxLength={500}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                }}
              />
            )}
          </FormField>
          <DialogFooter>
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                setOpen(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={block.isPending}>
              {block.isPending ? "Blocking…" : "Block"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The doctor's actions on a thread: close it, block or unblock its patient. */
export function ThreadActions({ thread }: { thread: ThreadDetail }) {
  const close = useCloseThread(thread.id);
  const unblock = useUnblockPatient(thread.id);
  return (
    <div className="flex flex-wrap gap-2">
      {thread.status === "open" && (
        <Button
          variant="outline"
          size="sm"
          disabled={close.isPending}
          onClick={() => {
            close.mutate(undefined, { onError: failed("Could not close") });
          }}
        >
          <Lock aria-hidden="true" />
          Close conversation
        </Button>
      )}
      {thread.block === null ? (
        <BlockDialog thread={thread} />
      ) : (
        <Button
          variant="outline"
          size="sm"
          disabled={unblock.isPending}
          onClick={() => {
            unblock.mutate(undefined, { onError: failed("Could not unblock") });
          }}
        >
          <ShieldCheck aria-hidden="true" />
          Unblock patient
        </Button>
      )}
    </div>
  );
}
