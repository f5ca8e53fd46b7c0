import { Home, Search } from "lucide-react";
import { type ReactNode } from "react";
import { Link, useLocation, useSearch } from "wouter";

import { Button } from "@/components/ui/button";

import { type NavItem } from "./app-shell";
import { AppShell } from "./app-shell";

const GUEST_NAVIGATION: readonly NavItem[] = [
  { label: "Home", href: "/", icon: Home },
  { label: "Find a doctor", href: "/doctors", icon: Search },
];

/** The shell of the pages a guest may browse (find a doctor, a doctor's times, booking up to
 * the sign-in step): the same frame as signed in, with log in and create account, both
 * coming back to the page the guest is on. */
export function GuestLayout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const search = useSearch();
  const next = encodeURIComponent(search === "" ? location : `${location}?${search}`);
  return (
    <AppShell
      navItems={GUEST_NAVIGATION}
      headerActions={
        <>
          <Button asChild variant="ghost" size="sm">
            <Link href={`/login?next=${next}`}>Log in</Link>
          </Button>
          <Button asChild size="sm">
            <Link href={`/register?next=${next}`}>Create account</Link>
          </Button>
        </>
      }
    >
      {children}
    </AppShell>
  );
}
