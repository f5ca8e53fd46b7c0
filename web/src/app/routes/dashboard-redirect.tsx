import { Redirect } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { homePathFor, useCurrentUser } from "@/features/accounts";

/** `/dashboard` (in emails sent before each role had its own home): the viewer's own home. */
export function DashboardRedirect() {
  const user = useCurrentUser();
  if (!user.data) return <PageLoading />;
  return <Redirect to={homePathFor(user.data.role)} replace />;
}
