import { type ReactNode } from "react";

import { ListSkeleton, QueryError } from "@/components/query-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { useCurrentUser } from "@/features/accounts";

import { useAnswerIntake } from "../../api/answer-intake";
import { useAnswerLinkIntake } from "../../api/answer-link-intake";
import { useIntake } from "../../api/get-intake";
import { useLinkIntake } from "../../api/get-link-intake";
import { type Intake, type IntakeAnswersBody } from "../../api/types";
import { IntakeAnswers } from "./intake-answers";
import { IntakeForm } from "./intake-form";
import { IntakeVersions } from "./intake-versions";

function IntakeCard({ description, children }: { description: string; children: ReactNode }) {
  return (
    <section aria-labelledby="intake-heading">
      <Card>
        <CardHeader>
          <CardTitle as="h2" id="intake-heading">
            Before your visit
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
    </section>
  );
}

function PatientIntake({
  intake,
  pending,
  onSave,
  versions = null,
}: {
  intake: Intake;
  pending: boolean;
  onSave: (body: IntakeAnswersBody) => Promise<unknown>;
  /** The earlier answers (signed in only: the manage link does not show them). */
  versions?: ReactNode;
}) {
  if (intake.questions.length === 0 && !intake.response) return null;
  if (!intake.mayAnswer) {
    return (
      <IntakeCard description="The questions your doctor asked before this visit, as you answered them.">
        <div className="grid gap-4">
          <IntakeAnswers intake={intake} mayTake={false} />
          {versions}
        </div>
      </IntakeCard>
    );
  }
  return (
    <IntakeCard description="Your doctor asks these questions before the visit. You can change your answers until it starts.">
      <div className="grid gap-4">
        <IntakeForm intake={intake} pending={pending} onSave={onSave} />
        {versions}
      </div>
    </IntakeCard>
  );
}

/** The intake of one appointment on its page: the patient answers, the doctor reads the
 * answers and takes allergies and medications into the lists. */
export function IntakePanel({ appointmentId, viewer }: { appointmentId: number; viewer: "patient" | "doctor" }) {
  const intake = useIntake(appointmentId);
  const answer = useAnswerIntake(appointmentId);
  const timeZone = useCurrentUser().data?.timezone ?? "UTC";
  if (intake.isPending) return <ListSkeleton label="Loading intake questions" rows={2} />;
  if (intake.isError) return <QueryError title="The intake questions could not be shown" error={intake.error} />;
  const versions = intake.data.response && (
    <IntakeVersions appointmentId={appointmentId} version={intake.data.response.version} timeZone={timeZone} />
  );
  if (viewer === "patient") {
    return <PatientIntake intake={intake.data} pending={answer.isPending} onSave={(body) => answer.mutateAsync(body)} versions={versions} />;
  }
  if (intake.data.questions.length === 0 && !intake.data.response) return null;
  return (
    <section aria-labelledby="intake-answers-heading">
      <Card>
      <CardHeader>
        <CardTitle as="h2" id="intake-answers-heading">
          Intake answers
        </CardTitle>
        <CardDescription>
          {intake.data.response
            ? `Answered by the patient (version ${String(intake.data.response.version)}).`
            : "The patient has not answered the intake questions yet."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <IntakeAnswers intake={intake.data} mayTake />
        {versions}
      </CardContent>
      </Card>
    </section>
  );
}

/** The same form on the manage-link page (no session: the link is the credential). */
export function LinkIntakePanel({ token }: { token: string }) {
  const intake = useLinkIntake(token);
  const answer = useAnswerLinkIntake(token);
  if (intake.isPending || intake.isError) return null; // the page itself explains a bad link
  return <PatientIntake intake={intake.data} pending={answer.isPending} onSave={(body) => answer.mutateAsync(body)} />;
}
