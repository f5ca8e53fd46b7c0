import { ArrowRight, type LucideIcon } from "lucide-react";
import { Link } from "wouter";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export interface QuickAction {
  label: string;
  description: string;
  href: string;
  icon: LucideIcon;
}

/** Big, obvious links to the next thing a user usually does. */
export function QuickActions({ actions }: { actions: readonly QuickAction[] }) {
  return (
    <ul className="grid gap-3">
      {actions.map(({ label, description, href, icon: Icon }) => (
        <li key={href}>
          <Link
            href={href}
            className="group flex items-center gap-4 rounded-lg border p-4 transition-colors outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/60"
          >
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-primary text-primary-foreground">
              <Icon className="size-5" aria-hidden="true" />
            </span>
            <span className="grid min-w-0 flex-1">
              <span className="font-medium">{label}</span>
              <span className="text-sm text-muted-foreground">{description}</span>
            </span>
            <ArrowRight
              className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5"
              aria-hidden="true"
            />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The "Quick actions" card of a dashboard. */
export function QuickActionsCard({ actions }: { actions: readonly QuickAction[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Quick actions</CardTitle>
      </CardHeader>
      <CardContent>
        <QuickActions actions={actions} />
      </CardContent>
    </Card>
  );
}
