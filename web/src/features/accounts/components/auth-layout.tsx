import { type ReactNode } from "react";

import { Brand } from "@/components/brand";
import { SkipLink } from "@/components/skip-link";

/** The frame of the signed-out pages (log in, register, password reset): one centred card. */
export function AuthLayout({
  title,
  description,
  children,
  footer,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  return (
    <>
      <title>{`${title} · Clinic360`}</title>
      <SkipLink />
      <div className="flex min-h-dvh flex-col bg-muted/40">
        <header className="px-4 py-5 sm:px-6">
          <Brand />
        </header>
        <main
          id="main-content"
          tabIndex={-1}
          className="flex flex-1 items-start justify-center px-4 pt-4 pb-16 outline-none sm:items-center sm:pt-0"
        >
          <div className={wide ? "w-full max-w-xl" : "w-full max-w-md"}>
            <div className="rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:p-8">
              <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
              {description !== undefined && <p className="mt-2 text-sm text-muted-foreground">{description}</p>}
              <div className="mt-6">{children}</div>
            </div>
            {footer !== undefined && <div className="mt-6 text-center text-sm text-muted-foreground">{footer}</div>}
          </div>
        </main>
      </div>
    </>
  );
}
