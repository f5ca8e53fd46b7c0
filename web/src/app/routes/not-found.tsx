import { ArrowLeft } from "lucide-react";
import { Link } from "wouter";

import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";

function NotFoundMessage({ homeHref, homeLabel }: { homeHref: string; homeLabel: string }) {
  return (
    <>
      <title>Page not found · Clinic360</title>
      <p className="mt-10 text-sm font-semibold text-primary">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">Page not found</h1>
      <p className="mt-4 max-w-md text-muted-foreground">The page you are looking for does not exist or has moved.</p>
      <Button asChild className="mt-8">
        <Link href={homeHref}>
          <ArrowLeft aria-hidden="true" />
          {homeLabel}
        </Link>
      </Button>
    </>
  );
}

/** The 404 page for visitors (no app shell). */
export function NotFoundPage() {
  return (
    <main id="main-content" className="flex min-h-dvh flex-col items-center justify-center px-4 py-16 text-center">
      <Brand />
      <NotFoundMessage homeHref="/" homeLabel="Back to home" />
    </main>
  );
}

/** The 404 page inside the signed-in app shell. */
export function NotFoundContent({ homeHref }: { homeHref: string }) {
  return (
    <div className="flex flex-col items-center py-8 text-center">
      <NotFoundMessage homeHref={homeHref} homeLabel="Back to dashboard" />
    </div>
  );
}
