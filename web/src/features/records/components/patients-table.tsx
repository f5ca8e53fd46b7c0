import { Link } from "wouter";

import { formatInstant } from "@/lib/format";

import { type PatientListItem } from "../api/types";

function visit(value: string | null, timeZone: string): string {
  return value === null ? "—" : formatInstant(value, timeZone);
}

/** The doctor's patients with their last and next visit. Names render as text, never HTML. */
export function PatientsTable({ patients, timeZone }: { patients: PatientListItem[]; timeZone: string }) {
  if (patients.length === 0) return <p className="text-muted-foreground">No patients found.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">My patients</caption>
        <thead>
          <tr className="border-b">
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Email</th>
            <th scope="col" className="py-2 pr-4 font-medium">Last visit</th>
            <th scope="col" className="py-2 pr-4 font-medium">Next visit</th>
          </tr>
        </thead>
        <tbody>
          {patients.map((p) => (
            <tr key={p.id} className="border-b last:border-0">
              <td className="py-2 pr-4">
                <Link href={`/patients/${String(p.id)}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  {p.fullName}
                </Link>
              </td>
              <td className="py-2 pr-4">{p.email}</td>
              <td className="py-2 pr-4">{visit(p.lastVisit, timeZone)}</td>
              <td className="py-2 pr-4">{visit(p.nextVisit, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
