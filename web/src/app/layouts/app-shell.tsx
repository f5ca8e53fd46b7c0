import { Menu, type LucideIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";

import { Brand } from "@/components/brand";
import { SkipLink } from "@/components/skip-link";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";

export interface NavItem {
  label: string;
  href: string;
  icon: LucideIcon;
  /** Current only on exactly `href`, not below it (e.g. /records but not /records/access-log). */
  exact?: boolean;
  /** A count shown beside the label (unread messages); nothing when 0 or absent. */
  count?: number;
  /** What the count is, for screen readers: "unread". */
  countLabel?: string;
}

export interface AppShellProps {
  navItems: readonly NavItem[];
  /** Right side of the header: user menu, log out… */
  headerActions?: ReactNode;
  /** Shown above the page in the main area (e.g. an account notice). */
  banner?: ReactNode;
  children: ReactNode;
}

function isActive(location: string, { href, exact = false }: NavItem): boolean {
  if (href === "/" || exact) return location === href;
  return location === href || location.startsWith(`${href}/`);
}

function NavList({ items, onNavigate }: { items: readonly NavItem[]; onNavigate?: () => void }) {
  const [location] = useLocation();
  return (
    <ul className="grid gap-1">
      {items.map((item) => {
        const { label, href, icon: Icon, count = 0, countLabel = "" } = item;
        // The visible count starts the spoken one ("Messages 3 unread"): the name holds the label.
        const shown = count > 99 ? "99+" : String(count);
        const active = isActive(location, item);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              aria-label={count > 0 ? `${label} ${shown} ${countLabel}` : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60",
                active
                  ? "bg-accent text-accent-foreground"
                  : "text-muted-foreground hover:bg-muted hover:text-foreground",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {label}
              {count > 0 && " "}
              {count > 0 && (
                <span
                  aria-hidden="true"
                  className="ml-auto rounded-full bg-primary px-2 py-0.5 text-xs font-semibold text-primary-foreground"
                >
                  {shown}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The frame of every signed-in page: header, sidebar navigation and the main landmark.
 * Below the md breakpoint the sidebar moves into a sheet opened from the menu button.
 */
export function AppShell({ navItems, headerActions, banner, children }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <div className="min-h-dvh">
      <SkipLink />
      <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
        <div className="flex h-14 items-center gap-2 px-3 sm:px-4">
          <Sheet open={menuOpen} onOpenChange={setMenuOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
                <Menu aria-hidden="true" />
              </Button>
            </SheetTrigger>
            <SheetContent>
              <SheetTitle className="pr-8">
                <Brand />
              </SheetTitle>
              <SheetDescription className="sr-only">Main navigation</SheetDescription>
              <nav aria-label="Main">
                <NavList
                  items={navItems}
                  onNavigate={() => {
                    setMenuOpen(false);
                  }}
                />
              </nav>
            </SheetContent>
          </Sheet>
          <Brand />
          <div className="ml-auto flex items-center gap-2">{headerActions}</div>
        </div>
      </header>
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 overflow-y-auto border-r p-3 md:block">
          <nav aria-label="Main">
            <NavList items={navItems} />
          </nav>
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none sm:p-6 lg:p-8">
          <div className="mx-auto w-full max-w-6xl">
            {banner}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}
