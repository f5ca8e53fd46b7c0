import { AlertTriangle } from "lucide-react";
import { Component, type ErrorInfo, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { isApiError } from "@/lib/api-client";

interface ErrorBoundaryProps {
  children: ReactNode;
  /** When this value changes (e.g. the location), a shown error is cleared. */
  resetKey?: unknown;
  /** Inside a layout that already has the main landmark: render the fallback without one. */
  inline?: boolean;
}

interface ErrorBoundaryState {
  error: { value: unknown } | null;
  resetKey: unknown;
}

/** Catches render errors below it and shows a friendly page instead of a blank screen. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(value: unknown): Partial<ErrorBoundaryState> {
    return { error: { value } };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    if (Object.is(props.resetKey, state.resetKey)) return null;
    return { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Keep the details for developers; users see the fallback below.
    console.error("Unhandled render error", error, info.componentStack);
  }

  reset = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return <ErrorFallback error={this.state.error.value} onReset={this.reset} inline={this.props.inline} />;
  }
}

export function ErrorFallback({
  error,
  onReset,
  inline = false,
}: {
  error: unknown;
  onReset: () => void;
  inline?: boolean | undefined;
}) {
  const errorId = isApiError(error) ? error.errorId : undefined;
  const Frame = inline ? "div" : "main";
  return (
    <Frame
      {...(!inline && { id: "main-content" })}
      className={inline ? "flex justify-center px-4 py-16" : "flex min-h-dvh items-center justify-center px-4 py-16"}
    >
      <div role="alert" className="w-full max-w-md text-center">
        <span className="mx-auto flex size-12 items-center justify-center rounded-full bg-destructive/10 text-destructive">
          <AlertTriangle className="size-6" aria-hidden="true" />
        </span>
        <h1 className="mt-6 text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="mt-3 text-muted-foreground">
          This page could not be shown. Try again, or reload the page in a moment.
        </p>
        {errorId !== undefined && (
          <p className="mt-4 text-sm text-muted-foreground">
            If it keeps happening, contact support and quote error ID{" "}
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{errorId}</code>.
          </p>
        )}
        <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
          <Button onClick={onReset}>Try again</Button>
          <Button
            variant="outline"
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload page
          </Button>
        </div>
      </div>
    </Frame>
  );
}
