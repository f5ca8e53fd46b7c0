import { Check } from "lucide-react";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { errorMessage } from "@/components/query-state";

import { useTakeIntakeAnswer } from "../../api/take-intake-answer";
import { type Intake, type IntakeAnswer } from "../../api/types";

const LIST_NAMES = { allergies: "allergies", medications: "medications" } as const;

export function answerText(answer: IntakeAnswer): string {
  const value = answer.value;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.join(", ");
  return value === null ? "—" : String(value);
}

/** The values of an answer that can each become a list entry (one button each). */
function takeable(answer: IntakeAnswer): string[] {
  if (answer.mapsTo === null) return [];
  const values = Array.isArray(answer.value) ? answer.value : typeof answer.value === "string" ? [answer.value] : [];
  return values.filter((v) => v.length <= 200 && !/[\r\n]/.test(v)); // longer: added by hand
}

/**
 * The answers as the patient gave them (each question as it was asked). With `mayTake`,
 * answers to questions that map to allergies or medications get one button per value that
 * adds it to the patient's list (the doctor's view).
 */
export function IntakeAnswers({ intake, mayTake }: { intake: Intake; mayTake: boolean }) {
  const take = useTakeIntakeAnswer(intake.appointmentId, intake.patientId);
  const response = intake.response;
  if (!response) return <p className="text-sm text-muted-foreground">No answers yet.</p>;

  function add(answer: IntakeAnswer, value: string) {
    const list = answer.mapsTo ?? "allergies";
    take.mutate(
      { questionId: answer.questionId, ...(answer.kind === "several_choices" ? { value } : {}) },
      {
        onSuccess: () => {
          toast({ title: `Added to ${LIST_NAMES[list]}`, description: value, variant: "success" });
        },
        onError: (failure) => {
          toast({ title: "Could not add it", description: errorMessage(failure), variant: "destructive" });
        },
      },
    );
  }

  return (
    <dl className="grid gap-3 text-sm">
      {response.answers.map((answer) => (
        <div key={answer.questionId} className="grid gap-1">
          <dt className="font-medium">{answer.prompt}</dt>
          <dd className="grid gap-2">
            <span className="whitespace-pre-wrap">{answerText(answer)}</span>
            {mayTake && takeable(answer).length > 0 && (
              <span className="flex flex-wrap gap-2">
                {takeable(answer).map((value) => {
                  const list = answer.mapsTo ?? "allergies";
                  const done = intake.taken.some((t) => t.questionId === answer.questionId && t.value === value);
                  return done ? (
                    <span key={value} className="inline-flex items-center gap-1 text-muted-foreground">
                      <Check aria-hidden="true" className="size-4" />
                      {`${value} is in the ${LIST_NAMES[list]} list`}
                    </span>
                  ) : (
                    <Button key={value} type="button" size="sm" variant="outline" disabled={take.isPending} onClick={() => { add(answer, value); }}>
                      {`Add ${value} to ${LIST_NAMES[list]}`}
                    </Button>
                  );
                })}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
