import { Trash2 } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";

import { useDeleteScheduleEntry } from "../api/delete-schedule-entry";
import { errorMessage } from "@/components/query-state";

/** A delete button that asks first, then deletes one schedule entry. */
export function DeleteEntryButton({ entryId, what }: { entryId: number; what: string }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteScheduleEntry();
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="size-8"
        aria-label={`Delete ${what}`}
        onClick={() => {
          setOpen(true);
        }}
      >
        <Trash2 aria-hidden="true" />
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Delete this entry?"
        description={`${what} will be removed. Booked appointments are not affected.`}
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onConfirm={() => {
          remove.mutate(entryId, {
            onSuccess: () => {
              setOpen(false);
              toast({ title: "Deleted", description: what, variant: "success" });
            },
            onError: (error) => {
              setOpen(false);
              toast({ title: "Could not delete", description: errorMessage(error), variant: "destructive" });
            },
          });
        }}
      />
    </>
  );
}
