import { useId, useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { isApiError } from "@/lib/api-client";

import { type AnswerValue, type Intake, type IntakeAnswersBody, type IntakeQuestion } from "../../api/types";

type Draft = Record<number, string | string[] | boolean | null>;

function initialDraft(intake: Intake): Draft {
  const draft: Draft = {};
  for (const answer of intake.response?.answers ?? []) {
    const value = answer.value;
    draft[answer.questionId] = typeof value === "number" ? String(value) : (value ?? null);
  }
  return draft;
}

/** The value a question's draft sends: numbers parsed (the server explains a wrong one). */
function toValue(question: IntakeQuestion, draft: Draft[number] | undefined): AnswerValue {
  if (draft === undefined || draft === null || draft === "") return null;
  if (question.kind === "number" && typeof draft === "string") {
    const parsed = Number(draft.replace(",", "."));
    return Number.isFinite(parsed) ? parsed : draft;
  }
  return draft;
}

const CHOICE_CLASSES = "size-4 accent-primary";

interface IntakeFormProps {
  intake: Intake;
  pending: boolean;
  onSave: (body: IntakeAnswersBody) => Promise<unknown>;
}

/**
 * The patient's answers to their visit's intake questions. Every input is labelled (choice
 * questions are fieldsets with a legend); errors from the server are shown under their
 * question and announced in one alert above the button.
 */
export function IntakeForm({ intake, pending, onSave }: IntakeFormProps) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(intake));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  function set(questionId: number, value: Draft[number]) {
    setDraft((current) => ({ ...current, [questionId]: value }));
    setSaved(false);
  }

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    const answers = intake.questions.map((question) => ({
      questionId: question.id,
      value: toValue(question, draft[question.id]),
    }));
    try {
      await onSave({ answers, baseVersion: intake.response?.version ?? null });
      setSaved(true);
    } catch (error) {
      if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) {
        setErrors(error.fieldErrors);
        setFailure("Some answers need another look.");
      } else {
        setFailure(isApiError(error) ? (error.detail ?? error.title) : "Your answers could not be saved.");
      }
    }
  }

  return (
    <form noValidate className="grid gap-5" onSubmit={(event) => void submit(event)} aria-label="Intake questions">
      {intake.questions.map((question) => (
        <QuestionInput
          key={question.id}
          question={question}
          value={draft[question.id] ?? null}
          error={errors[`answers.${String(question.id)}`]}
          onChange={(value) => { set(question.id, value); }}
        />
      ))}
      {failure !== null && (
        <Alert variant="destructive" live>
          <AlertTitle>Not saved</AlertTitle>
          <AlertDescription>{failure}</AlertDescription>
        </Alert>
      )}
      {saved && (
        <p role="status" className="text-sm text-muted-foreground">
          Your answers are saved. Your doctor will see them before the visit.
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save answers"}
        </Button>
      </div>
    </form>
  );
}

interface QuestionInputProps {
  question: IntakeQuestion;
  value: Draft[number];
  error: string | undefined;
  onChange: (value: Draft[number]) => void;
}

function QuestionInput({ question, value, error, onChange }: QuestionInputProps) {
  const id = useId();
  if (question.kind === "text" || question.kind === "number") {
    return (
      <FormField label={question.prompt} error={error} required={question.required}>
        {(field) =>
          question.kind === "text" ? (
            <Textarea rows={2} value={typeof value === "string" ? value : ""} onChange={(e) => { onChange(e.target.value); }} {...field} />
          ) : (
            <Input inputMode="decimal" className="max-w-40" value={typeof value === "string" ? value : ""} onChange={(e) => { onChange(e.target.value); }} {...field} />
          )
        }
      </FormField>
    );
  }
  const errorId = `${id}-error`;
  const options = question.kind === "yes_no" ? ["Yes", "No"] : (question.options ?? []);
  const several = question.kind === "several_choices";
  const chosen = (option: string): boolean => {
    if (question.kind === "yes_no") return value === (option === "Yes");
    return several ? Array.isArray(value) && value.includes(option) : value === option;
  };
  const pick = (option: string, checked: boolean) => {
    if (question.kind === "yes_no") onChange(option === "Yes");
    else if (!several) onChange(option);
    else {
      const current = Array.isArray(value) ? value : [];
      onChange(checked ? [...current, option] : current.filter((o) => o !== option));
    }
  };
  return (
    <fieldset className="grid gap-2" aria-invalid={error !== undefined ? true : undefined} aria-describedby={error !== undefined ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium">
        {question.prompt}
        {question.required && (
          <>
            <span aria-hidden="true" className="text-destructive">*</span>
            <span className="sr-only"> (required)</span>
          </>
        )}
      </legend>
      {options.map((option) => (
        <label key={option} className="flex items-center gap-2 text-sm">
          <input
            type={several ? "checkbox" : "radio"}
            name={`question-${String(question.id)}`}
            checked={chosen(option)}
            onChange={(e) => { pick(option, e.target.checked); }}
            className={CHOICE_CLASSES}
          />
          {option}
        </label>
      ))}
      {error !== undefined && (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
