import { Button } from "@/components/ui/button";

import { CHANNEL_LABELS, type VisitType } from "@/features/schedules";

/** The booking's first step: one button per visit type the doctor offers online. */
export function VisitTypeChoice({ offered, onPick }: { offered: VisitType[]; onPick: (type: VisitType) => void }) {
  return (
    <ul aria-label="Visit types" className="grid gap-2 sm:grid-cols-2">
      {offered.map((type) => (
        <li key={type.id}>
          <Button
            type="button"
            variant="outline"
            className="h-auto w-full flex-col items-start gap-1 p-4 text-left whitespace-normal"
            onClick={() => { onPick(type); }}
          >
            <span className="flex items-center gap-2 font-semibold">
              <span aria-hidden="true" className="size-3 rounded-full" style={{ backgroundColor: type.colour }} />
              {type.name}
            </span>
            <span className="text-sm font-normal text-muted-foreground">
              {String(type.durationMinutes)} min · {CHANNEL_LABELS[type.channel]}
            </span>
            {type.description && <span className="text-sm font-normal whitespace-pre-line">{type.description}</span>}
          </Button>
        </li>
      ))}
    </ul>
  );
}
