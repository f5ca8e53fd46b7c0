import { LogOut } from "lucide-react";
import { useMemo, type ReactNode } from "react";
import { useLocation } from "wouter";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import {
  mfaEnrolmentPending,
  PendingApprovalBanner,
  ROLE_LABEL,
  useIdleSessionEnd,
  useLogout,
  type User,
} from "@/features/accounts";
import { useLiveUpdates } from "@/features/live";
import { useUnreadCount } from "@/features/messaging";

import { MESSAGES_PATH, MFA_ENROLMENT_NAVIGATION, NAVIGATION } from "../navigation";
import { AppShell, type NavItem } from "./app-shell";

function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}

function UserMenu({ user }: { user: User }) {
  const [, navigate] = useLocation();
  const logout = useLogout({
    onLoggedOut: () => {
      navigate("/login", { replace: true });
    },
  });

  return (
    <div className="flex items-center gap-3">
      <div className="flex items-center gap-2.5">
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground"
        >
          {initials(user.fullName)}
        </span>
        <div className="hidden min-w-0 leading-tight sm:grid">
          <span className="max-w-48 truncate text-sm font-medium">{user.fullName}</span>
          <span className="text-xs text-muted-foreground">{ROLE_LABEL[user.role]}</span>
        </div>
        <span className="sr-only sm:hidden">
          {user.fullName}, {ROLE_LABEL[user.role]}
        </span>
      </div>
      {user.role === "doctor" && !user.approved && (
        <Badge variant="warning" className="hidden lg:inline-flex">
          Pending approval
        </Badge>
      )}
      <Button
        variant="outline"
        size="sm"
        disabled={logout.isPending}
        onClick={() => {
          logout.mutate(undefined, {
            onError: () => {
              toast({ title: "Could not log out", description: "Check your connection and try again.", variant: "destructive" });
            },
          });
        }}
      >
        <LogOut aria-hidden="true" />
        <span className="sr-only sm:not-sr-only">Log out</span>
      </Button>
    </div>
  );
}

/** The app shell for a signed-in user: their role's sidebar, their name and log out; it ends
 * with the session when that idles out on the server. */
export function SignedInLayout({ user, children }: { user: User; children: ReactNode }) {
  useIdleSessionEnd();
  const enrolling = mfaEnrolmentPending(user);
  const hasMessages = !enrolling && (user.role === "patient" || (user.role === "doctor" && user.approved));
  const unread = useUnreadCount({ enabled: hasMessages });
  useLiveUpdates({ enabled: !enrolling });
  const navItems = useMemo<readonly NavItem[]>(
    () =>
      enrolling
        ? MFA_ENROLMENT_NAVIGATION
        : NAVIGATION[user.role].map((item) =>
            item.href === MESSAGES_PATH ? { ...item, count: unread, countLabel: "unread" } : item,
          ),
    [enrolling, unread, user.role],
  );
  return (
    <AppShell
      navItems={navItems}
      headerActions={<UserMenu user={user} />}
      banner={<PendingApprovalBanner user={user} />}
    >
      {children}
    </AppShell>
  );
}
