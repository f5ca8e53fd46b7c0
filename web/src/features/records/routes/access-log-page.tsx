import { formatInstant } from "@/lib/format";

import { useAccessLog } from "../api/get-access-log";
import { useCurrentUser } from "@/features/accounts";
import { ListSkeleton, QueryError } from "@/components/query-state";

const ACTIONS: Record<string, string> = {
  "records.list": "Read your records",
  "record.read_history": "Read a record's history",
  "record.create": "Wrote a record",
  "record.amend": "Amended a record",
  "patient.read": "Opened your profile",
  "patient.list": "Listed you among their patients",
  "fhir.export": "Downloaded your data (FHIR)",
  "appointment.read_reason": "Read your reasons for appointments",
};

/** Patient: "Who accessed my records" — every read and write, newest first. */
export function AccessLogPage() {
  const user = useCurrentUser();
  const log = useAccessLog();
  const timeZone = user.data?.timezone ?? "UTC";

  return (
    <>
      <title>Who accessed my records · Clinic360</title>
      <div className="mx-auto grid max-w-4xl gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">Who accessed my records</h1>
        {log.isPending ? (
          <ListSkeleton label="Loading the access log" />
        ) : log.isError ? (
          <QueryError error={log.error} />
        ) : log.data.items.length === 0 ? (
          <p className="text-muted-foreground">Nobody has accessed your records yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Access to your records, newest first</caption>
              <thead>
                <tr className="border-b">
                  <th scope="col" className="py-2 pr-4 font-medium">When</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Who</th>
                  <th scope="col" className="py-2 pr-4 font-medium">What</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Record</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((event, index) => (
                  <tr key={`${event.at}-${String(index)}`} className="border-b last:border-0">
                    <td className="py-2 pr-4">
                      <time dateTime={event.at}>{formatInstant(event.at, timeZone)}</time>
                    </td>
                    <td className="py-2 pr-4">
                      {event.actor.id === user.data?.id ? "You" : event.actor.fullName} ({event.actor.role})
                    </td>
                    <td className="py-2 pr-4">{ACTIONS[event.action] ?? event.action}</td>
                    <td className="py-2 pr-4">{event.recordId === null ? "—" : `#${String(event.recordId)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
