import { Button } from "@/components/ui/button";
import { ListSkeleton, QueryError } from "@/components/query-state";

import { useTimeline } from "../../api/get-timeline";
import { TimelineEntry } from "./timeline-entry";

/**
 * The patient's timeline: visits, records and their amendments, vitals, documents and changes
 * to the allergy, problem and medication lists, answered intake questionnaires, newest first, a
 * page at a time ("Show older"). `appointmentLinks`: intake entries link to their appointment
 * (the viewer is the patient or the doctor, not someone acting for the patient).
 */
export function PatientTimeline({
  patientId,
  timeZone,
  appointmentLinks = false,
}: {
  patientId: number;
  timeZone: string;
  appointmentLinks?: boolean;
}) {
  const timeline = useTimeline(patientId);
  return (
    <section aria-labelledby="timeline-heading" className="grid gap-3">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      {timeline.isPending ? (
        <ListSkeleton label="Loading timeline" />
      ) : timeline.isError ? (
        <QueryError error={timeline.error} title="Could not load this timeline" />
      ) : (
        <>
          {timeline.data.pages[0]?.items.length === 0 ? (
            <p className="text-muted-foreground">Nothing in the timeline yet.</p>
          ) : (
            <ol aria-label="Timeline, newest first" className="grid gap-2">
              {timeline.data.pages.flatMap((page) =>
                page.items.map((item) => (
                  <li key={item.key}>
                    <TimelineEntry item={item} patientId={patientId} timeZone={timeZone} appointmentLinks={appointmentLinks} />
                  </li>
                )),
              )}
            </ol>
          )}
          {timeline.hasNextPage && (
            <div>
              <Button
                variant="outline"
                disabled={timeline.isFetchingNextPage}
                onClick={() => {
                  void timeline.fetchNextPage();
                }}
              >
                {timeline.isFetchingNextPage ? "Loading…" : "Show older"}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
