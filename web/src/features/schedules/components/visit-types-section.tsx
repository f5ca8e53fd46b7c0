import { useState, type ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ListSkeleton, QueryError, errorMessage } from "@/components/query-state";
import { toast } from "@/components/ui/use-toast";

import { useCreateVisitType } from "../api/create-visit-type";
import { useMyVisitTypes } from "../api/get-my-visit-types";
import { useUpdateVisitType } from "../api/update-visit-type";
import { BOOKABLE_BY_LABELS, CHANNEL_LABELS, type VisitType, type VisitTypeInput } from "../api/visit-types";
import { VisitTypeForm } from "./visit-type-form";

/** The body that replaces `type` as it is, with `active` changed (retire / bring back). */
function withActive(type: VisitType, active: boolean): VisitTypeInput {
  return {
    name: type.name,
    description: type.description,
    durationMinutes: type.durationMinutes,
    slotGridMinutes: type.slotGridMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    minNoticeMinutes: type.minNoticeMinutes,
    horizonDays: type.horizonDays,
    cancelNoticeHours: type.cancelNoticeHours,
    rescheduleNoticeHours: type.rescheduleNoticeHours,
    bookableBy: type.bookableBy,
    channel: type.channel,
    colour: type.colour,
    active,
  };
}

function rules(type: VisitType): string {
  const parts = [`${String(type.durationMinutes)} min`, CHANNEL_LABELS[type.channel]];
  if (type.bufferBeforeMinutes || type.bufferAfterMinutes) {
    parts.push(`buffers ${String(type.bufferBeforeMinutes)}/${String(type.bufferAfterMinutes)} min`);
  }
  parts.push(`bookable by ${BOOKABLE_BY_LABELS[type.bookableBy].toLowerCase()}`);
  return parts.join(" · ");
}

/** Doctor: their visit types (length, buffers, booking rules); add, edit, retire, bring back. */
export function VisitTypesSection({ renderExtra }: { renderExtra?: ((type: VisitType) => ReactNode) | undefined } = {}) {
  const types = useMyVisitTypes();
  const create = useCreateVisitType();
  const update = useUpdateVisitType();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [extraOpen, setExtraOpen] = useState<number | null>(null);

  function saved(name: string) {
    setEditing(null);
    toast({ title: "Visit type saved", description: name, variant: "success" });
  }

  function setActive(type: VisitType, active: boolean) {
    update.mutate(
      { id: type.id, input: withActive(type, active) },
      {
        onSuccess: () => {
          toast({ title: active ? "Visit type back in use" : "Visit type retired", description: type.name, variant: "success" });
        },
        onError: (failure) => {
          toast({ title: "Could not change it", description: errorMessage(failure), variant: "destructive" });
        },
      },
    );
  }

  return (
    <section aria-labelledby="visit-types-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="visit-types-heading" className="text-lg font-semibold">
          Visit types
        </h2>
        {editing !== "new" && (
          <Button type="button" variant="outline" onClick={() => { setEditing("new"); }}>
            Add visit type
          </Button>
        )}
      </div>
      <p className="text-sm text-muted-foreground">
        Patients pick a visit type first; its length, buffers and notice shape the times they are offered. A type in
        use is retired, not deleted.
      </p>
      {editing === "new" && (
        <VisitTypeForm
          pending={create.isPending}
          onSave={(input) => create.mutateAsync(input).then((made) => { saved(made.name); })}
          onCancel={() => { setEditing(null); }}
        />
      )}
      {types.isPending ? (
        <ListSkeleton label="Loading visit types" />
      ) : types.isError ? (
        <QueryError error={types.error} />
      ) : (
        <ul aria-label="Visit types" className="grid gap-2">
          {types.data.map((type) => (
            <li key={type.id} className="grid gap-2 rounded-lg border p-3">
              {editing === type.id ? (
                <VisitTypeForm
                  visitType={type}
                  pending={update.isPending}
                  onSave={(input) => update.mutateAsync({ id: type.id, input }).then((made) => { saved(made.name); })}
                  onCancel={() => { setEditing(null); }}
                />
              ) : (
                <div className="flex flex-wrap items-center gap-3">
                  <span aria-hidden="true" className="size-4 shrink-0 rounded-full border" style={{ backgroundColor: type.colour }} />
                  <div className="grid min-w-0 flex-1 gap-0.5">
                    <span className="font-medium break-words">
                      {type.name} {type.isDefault && <Badge variant="secondary">Default</Badge>}{" "}
                      {!type.active && <Badge variant="outline">Retired</Badge>}
                    </span>
                    <span className="text-sm text-muted-foreground">{rules(type)}</span>
                  </div>
                  <Button type="button" size="sm" variant="outline" aria-label={`Edit ${type.name}`} onClick={() => { setEditing(type.id); }}>
                    Edit
                  </Button>
                  {renderExtra && (
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      aria-expanded={extraOpen === type.id}
                      aria-label={`Intake questions of ${type.name}`}
                      onClick={() => { setExtraOpen(extraOpen === type.id ? null : type.id); }}
                    >
                      Questions
                    </Button>
                  )}
                  {!type.isDefault && (
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      aria-label={`${type.active ? "Retire" : "Bring back"} ${type.name}`}
                      disabled={update.isPending}
                      onClick={() => { setActive(type, !type.active); }}
                    >
                      {type.active ? "Retire" : "Bring back"}
                    </Button>
                  )}
                </div>
              )}
              {renderExtra && extraOpen === type.id && editing !== type.id && renderExtra(type)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
