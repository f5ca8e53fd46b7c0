import { lazy, Suspense, type ComponentType } from "react";
import { Route, Switch, useLocation } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { MFA_ENROLMENT_PATH } from "@/features/accounts";
import { BookingIntentNotice } from "@/features/appointments";

import { ErrorBoundary } from "./error-boundary";
import { GuestOnly, SignedInRoutes, type ProtectedRoute } from "./guards";
import { DashboardRedirect } from "./routes/dashboard-redirect";

/** One chunk per page: `lazyPage(() => import("…"), "ExportName")`. */
function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

// Public pages
const LandingPage = lazyPage(() => import("@/features/landing/routes/landing-page"), "LandingPage");
const LoginPage = lazyPage(() => import("@/features/accounts/routes/login-page"), "LoginPage");
const RegisterPage = lazyPage(() => import("@/features/accounts/routes/register-page"), "RegisterPage");
const ForgotPasswordPage = lazyPage(
  () => import("@/features/accounts/routes/forgot-password-page"),
  "ForgotPasswordPage",
);
const ResetPasswordPage = lazyPage(
  () => import("@/features/accounts/routes/reset-password-page"),
  "ResetPasswordPage",
);
const ManagePage = lazyPage(() => import("./routes/with-intake"), "ManageWithIntakePage");
const ClaimPage = lazyPage(() => import("@/features/waitlist/routes/claim-page"), "ClaimPage");
const ClaimAccountPage = lazyPage(
  () => import("@/features/accounts/routes/claim-account-page"),
  "ClaimAccountPage",
);

// Accounts and dashboards (this layer's own pages)
const PatientDashboard = lazyPage(() => import("@/features/dashboard/routes/patient-dashboard"), "PatientDashboard");
const DoctorDashboard = lazyPage(() => import("@/features/dashboard/routes/doctor-dashboard"), "DoctorDashboard");
const AdminPage = lazyPage(() => import("@/features/accounts/routes/admin-page"), "AdminPage");
const AdminUsersPage = lazyPage(() => import("@/features/accounts/routes/admin-users-page"), "AdminUsersPage");
const ProfilePage = lazyPage(() => import("@/features/accounts/routes/profile-page"), "ProfilePage");
const TwoFactorPage = lazyPage(() => import("@/features/accounts/routes/two-factor-page"), "TwoFactorPage");
const ChangePasswordPage = lazyPage(
  () => import("@/features/accounts/routes/change-password-page"),
  "ChangePasswordPage",
);

// Feature pages
const FindDoctorPage = lazyPage(() => import("@/features/schedules/routes/find-doctors-page"), "FindDoctorsPage");
const DoctorSlotsPage = lazyPage(() => import("@/features/schedules/routes/doctor-page"), "DoctorPage");
const SchedulePage = lazyPage(() => import("./routes/with-intake"), "ScheduleWithIntakePage");
const ClosuresPage = lazyPage(() => import("@/features/schedules/routes/closures-page"), "ClosuresPage");
const BookingPage = lazyPage(() => import("@/features/appointments/routes/book-page"), "BookPage");
const PatientAppointmentsPage = lazyPage(
  () => import("@/features/appointments/routes/my-appointments-page"),
  "MyAppointmentsPage",
);
const AppointmentPage = lazyPage(() => import("./routes/with-intake"), "AppointmentWithIntakePage");
const AgendaPage = lazyPage(() => import("@/features/appointments/routes/agenda-page"), "AgendaPage");
const PatientsPage = lazyPage(() => import("@/features/records/routes/my-patients-page"), "MyPatientsPage");
const PatientRecordPage = lazyPage(() => import("@/features/records/routes/patient-page"), "PatientPage");
const RecordsPage = lazyPage(() => import("@/features/records/routes/my-records-page"), "MyRecordsPage");
const AccessLogPage = lazyPage(() => import("@/features/records/routes/access-log-page"), "AccessLogPage");
const InboxPage = lazyPage(() => import("@/features/messaging/routes/inbox-page"), "InboxPage");
const NewThreadPage = lazyPage(() => import("@/features/messaging/routes/new-thread-page"), "NewThreadPage");
const ThreadPage = lazyPage(() => import("@/features/messaging/routes/thread-page"), "ThreadPage");
const FrontDeskPage = lazyPage(() => import("@/features/frontdesk/routes/front-desk-page"), "FrontDeskPage");
const ReportsPage = lazyPage(() => import("@/features/reports/routes/reports-page"), "ReportsPage");
const FamilyPage = lazyPage(() => import("@/features/family/routes/family-page"), "FamilyPage");
const DependentClaimPage = lazyPage(
  () => import("@/features/family/routes/claim-account-page"),
  "ClaimAccountPage",
);
const WaitlistPage = lazyPage(() => import("@/features/waitlist/routes/waitlist-page"), "WaitlistPage");
const ConsentPage = lazyPage(() => import("@/features/oauth/routes/consent-page"), "ConsentPage");
const MyAppsPage = lazyPage(() => import("@/features/oauth/routes/my-apps-page"), "MyAppsPage");

const ALL = ["patient", "doctor", "admin", "receptionist", "manager"] as const;

/** Every page behind a login: path, who may open it, and the page. */
export const PROTECTED_ROUTES: readonly ProtectedRoute[] = [
  { path: "/patient", roles: ["patient"], component: PatientDashboard },
  { path: "/doctor", roles: ["doctor"], component: DoctorDashboard },
  { path: "/admin", roles: ["admin"], component: AdminPage },
  { path: "/admin/users", roles: ["admin"], component: AdminUsersPage },
  { path: "/dashboard", roles: ALL, component: DashboardRedirect },
  { path: "/profile", roles: ALL, component: ProfilePage },
  { path: "/profile/password", roles: ALL, component: ChangePasswordPage },
  { path: MFA_ENROLMENT_PATH, roles: ALL, component: TwoFactorPage },
  // schedules
  // Guests find a doctor and pick a time first, and sign in at the confirm step.
  { path: "/doctors", roles: ["patient"], component: FindDoctorPage, guests: true },
  { path: "/doctors/:id", roles: ["patient"], component: DoctorSlotsPage, guests: true },
  { path: "/schedule", roles: ["doctor"], component: SchedulePage },
  { path: "/admin/closures", roles: ["admin"], component: ClosuresPage },
  // appointments
  // Every role: a doctor or admin who signs in from a guest's booking is told they cannot book.
  { path: "/book/:doctorId", roles: ALL, component: BookingPage, guests: true },
  { path: "/appointments", roles: ["patient"], component: PatientAppointmentsPage },
  { path: "/appointments/:id", roles: ["patient", "doctor"], component: AppointmentPage },
  { path: "/agenda", roles: ["doctor"], component: AgendaPage },
  // records
  { path: "/patients", roles: ["doctor"], component: PatientsPage },
  { path: "/patients/:id", roles: ["doctor"], component: PatientRecordPage },
  { path: "/records", roles: ["patient"], component: RecordsPage },
  { path: "/records/access-log", roles: ["patient"], component: AccessLogPage },
  // messaging
  { path: "/messages", roles: ["patient", "doctor"], component: InboxPage },
  { path: "/messages/new", roles: ["patient"], component: NewThreadPage },
  { path: "/messages/:id", roles: ["patient", "doctor"], component: ThreadPage },
  // front desk
  { path: "/front-desk", roles: ["receptionist"], component: FrontDeskPage },
  // reports (admins and managers: `reports.access.may_read_reports`)
  { path: "/reports", roles: ["admin", "manager"], component: ReportsPage },
  // waitlist
  { path: "/waitlist", roles: ["patient"], component: WaitlistPage },
  // SMART apps: the consent step of /oauth2/authorize, and the apps a user authorized
  { path: "/authorize", roles: ALL, component: ConsentPage },
  { path: "/profile/apps", roles: ALL, component: MyAppsPage },
  // family access
  { path: "/family", roles: ["patient"], component: FamilyPage },
];

export function AppRouter() {
  const [location] = useLocation();
  return (
    <ErrorBoundary resetKey={location}>
      <Suspense fallback={<PageLoading />}>
        <Switch>
          <Route path="/" component={LandingPage} />
          <Route path="/login">
            <GuestOnly>
              <LoginPage notice={<BookingIntentNotice action="Log in" />} />
            </GuestOnly>
          </Route>
          <Route path="/register">
            <GuestOnly>
              <RegisterPage notice={<BookingIntentNotice action="Create an account" />} />
            </GuestOnly>
          </Route>
          <Route path="/forgot-password" component={ForgotPasswordPage} />
          <Route path="/reset-password" component={ResetPasswordPage} />
          <Route path="/manage/:token" component={ManagePage} />
          <Route path="/claim/:token" component={ClaimPage} />
          <Route path="/claim-account" component={ClaimAccountPage} />
          <Route path="/family/claim" component={DependentClaimPage} />
          <Route>
            <SignedInRoutes routes={PROTECTED_ROUTES} />
          </Route>
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}
