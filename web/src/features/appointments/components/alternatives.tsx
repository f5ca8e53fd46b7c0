import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { formatClinicTime } from "@/lib/format";

import { type Slot } from "@/features/schedules";

/** The `alternatives` of a 409 `slot_taken`, or null for any other error. */
export function alternativesOf(error: unknown): Slot[] | null {
  if (!(error instanceof ApiError) || error.code !== "slot_taken") return null;
  const raw = error.body.alternatives;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item): item is Slot =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as Slot).startTime === "string" &&
      typeof (item as Slot).endTime === "string",
  );
}

/** How many nearest free times are offered (as many as the server's 409 `slot_taken` carries). */
export const NEAREST_COUNT = 3;

/**
 * The free slots nearest to `start` (either side, ties to the earlier), in time order: what the
 * server's 409 `slot_taken` offers, for when the page itself finds the chosen time gone.
 */
export function nearestSlots(free: Slot[], start: string, count = NEAREST_COUNT): Slot[] {
  const at = Date.parse(start);
  const distance = (slot: Slot) => Math.abs(Date.parse(slot.startTime) - at);
  return free
    .filter((slot) => slot.startTime !== start)
    .sort((a, b) => distance(a) - distance(b) || Date.parse(a.startTime) - Date.parse(b.startTime))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
}

export interface AlternativesProps {
  alternatives: Slot[];
  /** The doctor's zone, shown first; then the viewer's when it is another one. */
  clinicZone: string;
  viewerZone: string;
  pending: boolean;
  onPick: (slot: Slot) => void;
  /** Word on each button: "Book" or "Move to". */
  verb: string;
}

/** "That time was just taken" with one-click buttons for the nearest free times. */
export function Alternatives({ alternatives, clinicZone, viewerZone, pending, onPick, verb }: AlternativesProps) {
  return (
    <Alert live>
      <AlertTitle>That time was just taken</AlertTitle>
      <AlertDescription>
        {alternatives.length === 0 ? (
          <p>There is no other free time nearby. Pick another day.</p>
        ) : (
          <>
            <p>The nearest free times:</p>
            <ul aria-label="Nearest free times" className="mt-2 flex flex-wrap gap-2">
              {alternatives.map((slot) => (
                <li key={slot.startTime}>
                  <Button
                    type="button"
                    size="sm"
                    className="h-auto min-h-8 whitespace-normal text-left"
                    disabled={pending}
                    onClick={() => {
                      onPick(slot);
                    }}
                  >
                    {verb} {formatClinicTime(slot.startTime, null, clinicZone, viewerZone)}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}
