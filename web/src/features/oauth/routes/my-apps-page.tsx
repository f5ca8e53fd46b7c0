import { format, parseISO } from "date-fns";
import { PlugZap } from "lucide-react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

import { useMyApps } from "../api/list-my-apps";
import { useRevokeMyApp } from "../api/revoke-my-app";

/** `/profile/apps`: the apps the user allowed to use their account, each revocable. */
export function MyAppsPage() {
  const apps = useMyApps();
  const revoke = useRevokeMyApp();
  return (
    <>
      <title>Connected apps · Clinic360</title>
      <div className="grid max-w-3xl gap-6">
        <PageHeader
          title="Connected apps"
          description="Apps you allowed to use your Clinic360 account. Revoking one stops its access at once."
          className="mb-0"
        />
        {apps.isPending ? (
          <ListSkeleton label="Loading your connected apps" rows={2} />
        ) : apps.isError ? (
          <QueryError error={apps.error} />
        ) : apps.data.length === 0 ? (
          <EmptyState icon={PlugZap} title="No connected apps" description="Apps you allow will be listed here." />
        ) : (
          <ul className="grid gap-3">
            {apps.data.map((app) => (
              <li key={app.id}>
                <Card>
                  <CardContent className="flex flex-wrap items-start gap-3 pt-6">
                    <div className="grid min-w-0 flex-1 gap-1">
                      <p className="font-medium">{app.name}</p>
                      <p className="text-sm text-muted-foreground">
                        Allowed {format(parseISO(app.grantedAt), "d MMM yyyy")}
                      </p>
                      <ul className="list-disc pl-6 text-sm">
                        {app.words.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </div>
                    <Button
                      variant="outline"
                      disabled={revoke.isPending}
                      aria-label={`Revoke ${app.name}`}
                      onClick={() => { revoke.mutate(app.id); }}
                    >
                      Revoke
                    </Button>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
