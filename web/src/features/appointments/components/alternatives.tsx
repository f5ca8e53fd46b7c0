import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { formatInstant } from "@/lib/format";

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

export interface AlternativesProps {
  alternatives: Slot[];
  zone: string;
  pending: boolean;
  onPick: (slot: Slot) => void;
  /** Word on each button: "Book" or "Move to". */
  verb: string;
}

/** "That time was just taken" with one-click buttons for the nearest free times. */
export function Alternatives({ alternatives, zone, pending, onPick, verb }: AlternativesProps) {
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
                    disabled={pending}
                    onClick={() => {
                      onPick(slot);
                    }}
                  >
                    {verb} {formatInstant(slot.startTime, zone)}
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
