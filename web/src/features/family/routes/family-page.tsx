import { Users } from "lucide-react";
import { Link } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

import { useAcceptProxy } from "../api/accept-proxy";
import { useFamily } from "../api/get-family";
import { useRevokeProxy } from "../api/revoke-proxy";
import { CAPABILITIES, RELATIONSHIPS, type Family, type ProxyGrant } from "../api/types";
import { DependentForm } from "../components/dependent-form";
import { GrantForm } from "../components/grant-form";
import { InviteForm } from "../components/invite-form";

function capabilityText(grant: ProxyGrant): string {
  return CAPABILITIES.filter((item) => grant.capabilities.includes(item.value))
    .map((item) => item.label.toLowerCase())
    .join(", ");
}

/** The people whose access log the caller may read: those they act for with `records` (a
 * dependent not yet on their own login; a patient whose active grant includes records). */
function logReadable(family: Family): Set<number> {
  return new Set(
    family.actingFor.filter((person) => person.via !== "self" && person.capabilities.includes("records")).map((person) => person.id),
  );
}

/** "Access log" of someone the caller acts for: the access-log page opened for them. */
function AccessLogLink({ patientId, name }: { patientId: number; name: string }) {
  return (
    <Link
      href={`/records/access-log?for=${String(patientId)}`}
      aria-label={`Access log of ${name}`}
      className="w-fit text-sm text-primary underline underline-offset-4"
    >
      Access log
    </Link>
  );
}

function GrantList({ grants, mine, readable = new Set<number>() }: { grants: ProxyGrant[]; mine: boolean; readable?: Set<number> }) {
  const accept = useAcceptProxy();
  const revoke = useRevokeProxy();
  if (grants.length === 0) {
    return <p className="text-sm text-muted-foreground">{mine ? "You have not granted access to anyone." : "Nobody has granted you access."}</p>;
  }
  return (
    <ul className="grid gap-3">
      {grants.map((grant) => {
        const other = mine ? grant.proxy : grant.patient;
        return (
          <li key={grant.id}>
            <Card>
              <CardContent className="flex flex-wrap items-center gap-3 pt-6">
                <div className="grid min-w-0 flex-1 gap-1">
                  <p className="font-medium">
                    {other.fullName} <Badge variant="outline">{grant.status === "pending" ? "Waiting for acceptance" : "Active"}</Badge>
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {mine ? "May" : "You may"} {capabilityText(grant)}.
                  </p>
                  {!mine && readable.has(grant.patient.id) && <AccessLogLink patientId={grant.patient.id} name={other.fullName} />}
                </div>
                {!mine && grant.status === "pending" && (
                  <Button disabled={accept.isPending} onClick={() => { accept.mutate(grant.id); }}
                    aria-label={`Accept access for ${other.fullName}`}>Accept</Button>
                )}
                <Button variant="outline" disabled={revoke.isPending} onClick={() => { revoke.mutate(grant.id); }}
                  aria-label={`${mine ? "Revoke" : "Give up"} access ${mine ? "of" : "for"} ${other.fullName}`}>
                  {mine ? "Revoke" : "Give up"}
                </Button>
              </CardContent>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}

/** Patient: "Family" — dependents (add, invite to their own login) and proxy access. */
export function FamilyPage() {
  const family = useFamily();
  const readable = family.data === undefined ? new Set<number>() : logReadable(family.data);
  return (
    <>
      <title>Family · Clinic360</title>
      <div className="grid max-w-3xl gap-8">
        <PageHeader
          title="Family"
          description="Book, read records and write to doctors for your children or someone you care for. Everything you do for them shows in their access log."
          className="mb-0"
        />
        {family.isPending ? (
          <ListSkeleton label="Loading your family" rows={2} />
        ) : family.isError ? (
          <QueryError error={family.error} />
        ) : (
          <>
            <section aria-labelledby="dependents-heading" className="grid gap-3">
              <h2 id="dependents-heading" className="text-lg font-semibold">Your dependents</h2>
              {family.data.dependents.length === 0 ? (
                <EmptyState icon={Users} title="No dependents yet" description="Add a child, or an adult who cannot manage an account, below." />
              ) : (
                <ul className="grid gap-3">
                  {family.data.dependents.map((dependent) => (
                    <li key={dependent.id}>
                      <Card>
                        <CardContent className="grid gap-3 pt-6">
                          <p className="font-medium">
                            {dependent.fullName}{" "}
                            <span className="text-sm font-normal text-muted-foreground">
                              · {RELATIONSHIPS.find((r) => r.value === dependent.relationship)?.label ?? dependent.relationship} · born {dependent.dateOfBirth}
                            </span>
                          </p>
                          {dependent.claimed ? (
                            <p className="text-sm">Has their own account now; you act for them only if they grant you access.</p>
                          ) : dependent.mayInvite ? (
                            <InviteForm dependent={dependent} />
                          ) : null}
                          {dependent.invited && !dependent.claimed && <p className="text-sm text-muted-foreground">Invitation sent.</p>}
                          {readable.has(dependent.id) && (
                            <AccessLogLink patientId={dependent.id} name={dependent.fullName} />
                          )}
                        </CardContent>
                      </Card>
                    </li>
                  ))}
                </ul>
              )}
              <Card>
                <CardContent className="pt-6">
                  <h3 className="mb-4 font-semibold">Add a dependent</h3>
                  <DependentForm />
                </CardContent>
              </Card>
            </section>
            <section aria-labelledby="granted-heading" className="grid gap-3">
              <h2 id="granted-heading" className="text-lg font-semibold">Access you granted</h2>
              <GrantList grants={family.data.granted} mine />
              <Card>
                <CardContent className="pt-6">
                  <h3 className="mb-4 font-semibold">Grant access to your care</h3>
                  <GrantForm />
                </CardContent>
              </Card>
            </section>
            <section aria-labelledby="received-heading" className="grid gap-3">
              <h2 id="received-heading" className="text-lg font-semibold">Access granted to you</h2>
              <GrantList grants={family.data.received} mine={false} readable={readable} />
            </section>
          </>
        )}
      </div>
    </>
  );
}
