import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { makeUser } from "../test-helpers";
import { TextMessages } from "./text-messages";

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("TextMessages", () => {
  it("shows the server's reason next to the number", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string) =>
        Promise.resolve(
          url.includes("csrf")
            ? answer(200, { csrfToken: "t" })
            : answer(422, { status: 422, code: "invalid_phone", title: "x", detail: "That is not a valid mobile number." }),
        ),
      ),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <TextMessages user={makeUser()} />
      </QueryClientProvider>,
    );
    const box = screen.getByRole("checkbox", { name: "Also send my reminders by text message" });
    expect(box).toBeDisabled(); // no number yet
    await userEvent.type(screen.getByLabelText("Mobile number"), "12");
    await userEvent.click(screen.getByRole("button", { name: "Save number" }));
    expect(await screen.findByText("That is not a valid mobile number.")).toBeInTheDocument();
    expect(screen.getByLabelText("Mobile number")).toHaveAttribute("aria-invalid", "true");
  });
});
