import { useState, type SyntheticEvent } from "react";

import { ListSkeleton, QueryError } from "@/components/query-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";

import { useVisitTypeQuestions } from "../../api/get-visit-type-questions";
import { useSaveVisitTypeQuestions } from "../../api/save-visit-type-questions";
import { type IntakeQuestion, type IntakeQuestionInput, type QuestionKind } from "../../api/types";

const KIND_LABELS: Record<QuestionKind, string> = {
  text: "Free text",
  yes_no: "Yes / no",
  one_choice: "One choice",
  several_choices: "Several choices",
  number: "Number",
};
const TAKEABLE: QuestionKind[] = ["text", "one_choice", "several_choices"];
const CHOICES: QuestionKind[] = ["one_choice", "several_choices"];

interface Draft {
  key: number;
  kind: QuestionKind;
  prompt: string;
  options: string;
  required: boolean;
  mapsTo: "" | "allergies" | "medications";
}

let nextKey = 1;

function toDraft(question?: IntakeQuestion): Draft {
  return {
    key: nextKey++,
    kind: question?.kind ?? "text",
    prompt: question?.prompt ?? "",
    options: (question?.options ?? []).join("\n"),
    required: question?.required ?? false,
    mapsTo: question?.mapsTo ?? "",
  };
}

function toInput(draft: Draft): IntakeQuestionInput {
  const options = draft.options.split("\n").map((o) => o.trim()).filter(Boolean);
  return {
    kind: draft.kind,
    prompt: draft.prompt,
    options: CHOICES.includes(draft.kind) ? options : null,
    required: draft.required,
    mapsTo: TAKEABLE.includes(draft.kind) && draft.mapsTo !== "" ? draft.mapsTo : null,
  };
}

/** Doctor: the intake questions patients answer before a visit of this type. Saving
 * replaces the questionnaire; answers already given keep the questions they answered. */
export function VisitTypeQuestions({ visitTypeId, name }: { visitTypeId: number; name: string }) {
  const questions = useVisitTypeQuestions(visitTypeId);
  if (questions.isPending) return <ListSkeleton label="Loading intake questions" rows={2} />;
  if (questions.isError) return <QueryError error={questions.error} />;
  return <QuestionsForm key={questions.dataUpdatedAt} visitTypeId={visitTypeId} name={name} saved={questions.data} />;
}

function QuestionsForm({ visitTypeId, name, saved }: { visitTypeId: number; name: string; saved: IntakeQuestion[] }) {
  const save = useSaveVisitTypeQuestions(visitTypeId);
  const [drafts, setDrafts] = useState<Draft[]>(() => saved.map(toDraft));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  function change(key: number, patch: Partial<Draft>) {
    setDrafts((current) => current.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  }
  function move(index: number, by: number) {
    setDrafts((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  }

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    try {
      await save.mutateAsync(drafts.map(toInput));
      toast({ title: "Intake questions saved", description: name, variant: "success" });
    } catch (error) {
      setErrors(isApiError(error) ? error.fieldErrors : {});
      setFailure(isApiError(error) ? (error.detail ?? error.title) : "The questions could not be saved.");
    }
  }

  return (
    <form noValidate className="grid gap-3" aria-label={`Intake questions of ${name}`} onSubmit={(event) => void submit(event)}>
      <h3 className="font-medium">Intake questions</h3>
      {drafts.length === 0 && <p className="text-sm text-muted-foreground">No questions: patients are not asked anything before the visit.</p>}
      <ol className="grid gap-3">
        {drafts.map((draft, index) => {
          const number = index + 1;
          const error = errors[`questions.${String(index)}`];
          return (
            <li key={draft.key} className="grid gap-2 rounded-md border p-3">
              <FormField label={`Question ${String(number)}`} error={error} required>
                {(field) => <Input value={draft.prompt} maxLength={300} onChange={(e) => { change(draft.key, { prompt: e.target.value }); }} {...field} />}
              </FormField>
              <div className="grid gap-2 sm:grid-cols-2">
                <FormField label={`Kind of answer to question ${String(number)}`}>
                  {(field) => (
                    <NativeSelect value={draft.kind} onChange={(e) => { change(draft.key, { kind: e.target.value as QuestionKind }); }} {...field}>
                      {Object.entries(KIND_LABELS).map(([kind, label]) => (
                        <option key={kind} value={kind}>{label}</option>
                      ))}
                    </NativeSelect>
                  )}
                </FormField>
                {TAKEABLE.includes(draft.kind) && (
                  <FormField label={`Answers to question ${String(number)} go to`}>
                    {(field) => (
                      <NativeSelect value={draft.mapsTo} onChange={(e) => { change(draft.key, { mapsTo: e.target.value as Draft["mapsTo"] }); }} {...field}>
                        <option value="">Nowhere (read only)</option>
                        <option value="allergies">Allergies list (one click)</option>
                        <option value="medications">Medications list (one click)</option>
                      </NativeSelect>
                    )}
                  </FormField>
                )}
              </div>
              {CHOICES.includes(draft.kind) && (
                <FormField label={`Options of question ${String(number)}`} description="One per line, at least two.">
                  {(field) => <Textarea rows={3} value={draft.options} onChange={(e) => { change(draft.key, { options: e.target.value }); }} {...field} />}
                </FormField>
              )}
              <div className="flex flex-wrap items-center gap-3">
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="size-4 accent-primary" checked={draft.required} onChange={(e) => { change(draft.key, { required: e.target.checked }); }} />
                  {`Question ${String(number)} is required`}
                </label>
                <Button type="button" size="sm" variant="ghost" disabled={index === 0} onClick={() => { move(index, -1); }} aria-label={`Move question ${String(number)} up`}>
                  Up
                </Button>
                <Button type="button" size="sm" variant="ghost" disabled={index === drafts.length - 1} onClick={() => { move(index, 1); }} aria-label={`Move question ${String(number)} down`}>
                  Down
                </Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => { setDrafts((c) => c.filter((d) => d.key !== draft.key)); }} aria-label={`Remove question ${String(number)}`}>
                  Remove
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      {failure !== null && (
        <Alert variant="destructive" live>
          <AlertTitle>Not saved</AlertTitle>
          <AlertDescription>{failure}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => { setDrafts((c) => [...c, toDraft()]); }}>
          Add question
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save questions"}
        </Button>
      </div>
    </form>
  );
}
