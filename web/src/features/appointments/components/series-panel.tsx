import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";

import { useCancelSeries } from "../api/cancel-series";
import { useSeries } from "../api/get-series";
import { isActive, type Appointment } from "../api/types";

/**
 * "Part of a series" on an appointment of a recurring series: how many visits are still to
 * come, and "Cancel all future visits" for its patient or doctor (one at a time is the
 * appointment's own cancel).
 */
export function SeriesPanel({ appointment }: { appointment: Appointment }) {
  const seriesId = appointment.seriesId ?? null;
  const series = useSeries(seriesId);
  const cancel = useCancelSeries(appointment.doctorId);
  const [open, setOpen] = useState(false);
  const [now] = useState(() => Date.now());
  if (seriesId === null) return null;
  const upcoming = (series.data?.occurrences ?? []).filter(
    (visit) => isActive(visit) && Date.parse(visit.startTime) > now,
  );
  const every = series.data?.everyWeeks;

  function confirm() {
    if (seriesId === null) return;
    cancel.mutate(seriesId, {
      onSuccess: (done) => {
        setOpen(false);
        toast({ title: `${String(done.cancelled.length)} visits cancelled` });
        void series.refetch();
      },
      onError: (error) => {
        setOpen(false);
        toast({ title: isApiError(error) ? error.message : "Cancelling failed", variant: "destructive" });
      },
    });
  }

  return (
    <section aria-labelledby="series-heading" className="grid gap-2 rounded-md border p-4">
      <h2 id="series-heading" className="text-base font-semibold">
        Part of a series
      </h2>
      <p className="text-sm text-muted-foreground">
        {every === undefined
          ? "One visit of a recurring series."
          : `Every ${every === 1 ? "week" : `${String(every)} weeks`}; ${String(upcoming.length)} upcoming.`}
      </p>
      {upcoming.length > 0 && (
        <div>
          <Button type="button" variant="outline" onClick={() => { setOpen(true); }}>
            Cancel all future visits
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Cancel all future visits of this series?"
        description={`${String(upcoming.length)} upcoming visits will be cancelled; one email lists them.`}
        confirmLabel="Cancel all future visits"
        cancelLabel="Keep them"
        pending={cancel.isPending}
        onConfirm={confirm}
      />
    </section>
  );
}
