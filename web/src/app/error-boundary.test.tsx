import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api-client";

import { ErrorBoundary } from "./error-boundary";

function Thrower({ error }: { error: unknown }): never {
  throw error;
}

describe("ErrorBoundary", () => {
  it("shows a friendly message with the error id of an ApiError", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = new ApiError(500, { title: "Internal Server Error", errorId: "a1b2c3" });

    render(
      <ErrorBoundary>
        <Thrower error={error} />
      </ErrorBoundary>,
    );

    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    expect(screen.getByText("a1b2c3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("shows no error id for other errors", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);

    render(
      <ErrorBoundary>
        <Thrower error={new Error("boom")} />
      </ErrorBoundary>,
    );

    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    expect(screen.queryByText(/error ID/)).not.toBeInTheDocument();
  });
});
