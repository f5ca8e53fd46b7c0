import { Suspense, type ComponentType, type ReactNode } from "react";
import { matchRoute, Redirect, Route, Switch, useLocation, useRouter, useSearch } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { Skeleton } from "@/components/ui/skeleton";
import { homePathFor, MFA_ENROLMENT_PATH, mfaEnrolmentPending, useCurrentUser, type Role } from "@/features/accounts";

import { ErrorBoundary } from "./error-boundary";
import { GuestLayout } from "./layouts/guest-layout";
import { SignedInLayout } from "./layouts/signed-in-layout";
import { NotFoundContent, NotFoundPage } from "./routes/not-found";

export interface ProtectedRoute {
  path: string;
  /** Who may open it; anyone else is sent to their own dashboard. */
  roles: readonly Role[];
  /** Guests may open it too (no login), in the guest shell: find a doctor, pick a time. */
  guests?: boolean;
  component: ComponentType;
}

/** Shown in the content area while a page's code arrives; the shell stays put. */
function ContentLoading() {
  return (
    <div role="status" className="grid gap-6">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-9 w-64 max-w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}

/**
 * Every page behind a login, in one app shell that stays mounted while moving between them.
 * Logged out → /login?next=<here>, or the page in the guest shell when guests may open it;
 * wrong role → own dashboard; unknown path → 404.
 * A user who must set up two-factor authentication first sees only its enrolment page.
 */
export function SignedInRoutes({ routes }: { routes: readonly ProtectedRoute[] }) {
  const [location] = useLocation();
  const search = useSearch();
  const { parser } = useRouter();
  const user = useCurrentUser();
  const route = routes.find(({ path }) => matchRoute(parser, path, location)[0]);

  if (user.isPending) return <PageLoading />;
  if (user.isError) throw user.error;
  if (user.data === null) {
    if (route === undefined) return <NotFoundPage />;
    if (route.guests === true) return <GuestRoutes routes={routes.filter(({ guests }) => guests === true)} location={location} />;
    const next = encodeURIComponent(search === "" ? location : `${location}?${search}`);
    return <Redirect to={`/login?next=${next}`} replace />;
  }
  if (mfaEnrolmentPending(user.data) && location !== MFA_ENROLMENT_PATH) {
    return <Redirect to={MFA_ENROLMENT_PATH} replace />;
  }
  if (route !== undefined && !route.roles.includes(user.data.role)) {
    return <Redirect to={homePathFor(user.data.role)} replace />;
  }

  return (
    <SignedInLayout user={user.data}>
      <ErrorBoundary inline resetKey={location}>
        <Suspense fallback={<ContentLoading />}>
          <Switch>
            {routes.map(({ path, component }) => (
              <Route key={path} path={path} component={component} />
            ))}
            <Route>
              <NotFoundContent homeHref={homePathFor(user.data.role)} />
            </Route>
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </SignedInLayout>
  );
}

/** The pages guests may open, in the guest shell. */
function GuestRoutes({ routes, location }: { routes: readonly ProtectedRoute[]; location: string }) {
  return (
    <GuestLayout>
      <ErrorBoundary inline resetKey={location}>
        <Suspense fallback={<ContentLoading />}>
          <Switch>
            {routes.map(({ path, component }) => (
              <Route key={path} path={path} component={component} />
            ))}
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </GuestLayout>
  );
}

/** Log in, register: a signed-in user goes to their dashboard instead. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  if (user.isPending) return <PageLoading />;
  if (user.data) return <Redirect to={homePathFor(user.data.role)} replace />;
  return children;
}
