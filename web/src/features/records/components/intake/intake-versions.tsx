import { History } from "lucide-react";
import { useId, useState } from "react";

import { ListSkeleton, QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { formatInstant } from "@/lib/format";

import { useIntakeVersions } from "../../api/get-intake-versions";
import { answerText } from "./intake-answers";

/** Every answer set of an appointment's intake, oldest first: who saved it, when, and each
 * answer to each question as it was asked. Loaded when first shown. */
function VersionList({ appointmentId, timeZone }: { appointmentId: number; timeZone: string }) {
  const versions = useIntakeVersions(appointmentId, { enabled: true });
  if (versions.isPending) return <ListSkeleton label="Loading earlier answers" rows={2} />;
  if (versions.isError) return <QueryError title="The earlier answers could not be shown" error={versions.error} />;
  return (
    <ol aria-label="Intake answer versions, oldest first" className="grid gap-3 border-l-2 border-muted pl-4">
      {versions.data.map((version) => (
        <li key={version.version} className="grid gap-1 text-sm">
          <p className="font-medium">
            Version {version.version}
            <span className="font-normal text-muted-foreground">
              {" "}
              — by {version.writtenBy.fullName} on {formatInstant(version.writtenAt, timeZone)}
            </span>
          </p>
          {version.answers.length === 0 ? (
            <p className="text-muted-foreground">No answers.</p>
          ) : (
            <dl className="grid gap-1">
              {version.answers.map((answer) => (
                <div key={answer.questionId}>
                  <dt className="inline font-medium">{answer.prompt}: </dt>
                  <dd className="inline whitespace-pre-wrap">{answerText(answer)}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}

/** "Earlier versions" of the intake answers (shown when they were saved more than once). */
export function IntakeVersions({ appointmentId, version, timeZone }: { appointmentId: number; version: number; timeZone: string }) {
  const [shown, setShown] = useState(false);
  const id = useId();
  if (version < 2) return null;
  return (
    <div className="grid gap-2">
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-expanded={shown}
          aria-controls={id}
          onClick={() => {
            setShown((s) => !s);
          }}
        >
          <History aria-hidden="true" />
          {shown ? "Hide earlier versions" : `Earlier versions of the answers (${String(version)} in all)`}
        </Button>
      </div>
      <div id={id}>{shown && <VersionList appointmentId={appointmentId} timeZone={timeZone} />}</div>
    </div>
  );
}
