import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { ChangePasswordPage } from "./change-password-page";

const CURRENT = "Lantern-Quiet-47";
const NEW = "Marble-Harbour-93";

function server(change: () => Response) {
  return mockFetch((url) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/user") return jsonResponse(makeUser());
    if (url === "/api/user/password") return change();
    return problemResponse(404, { title: "Not Found" });
  });
}

async function submit() {
  const rendered = renderWithProviders(<ChangePasswordPage />, { path: "/profile/password" });
  const { user } = rendered;
  await user.type(await screen.findByLabelText(/^Current password/), CURRENT);
  await user.type(screen.getByLabelText(/^New password/), NEW);
  await user.type(screen.getByLabelText(/^Repeat the new password/), NEW);
  await user.click(screen.getByRole("button", { name: "Change password" }));
  return rendered;
}

describe("ChangePasswordPage", { timeout: 20_000 }, () => {
  it("keeps the correct current password and clears the refused new one, focused", async () => {
    server(() =>
      problemResponse(422, {
        title: "Unprocessable Content",
        code: "validation_error",
        errors: { newPassword: "is too common" },
      }),
    );
    await submit();

    expect(await screen.findByText("is too common")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveValue(CURRENT);
    const newPassword = screen.getByLabelText(/^New password/);
    expect(newPassword).toHaveValue("");
    expect(screen.getByLabelText(/^Repeat the new password/)).toHaveValue("");
    expect(newPassword).toHaveFocus();
  });

  it("clears a wrong current password only, and focuses it", async () => {
    server(() =>
      problemResponse(422, {
        title: "Unprocessable Content",
        code: "validation_error",
        errors: { currentPassword: "is not correct" },
      }),
    );
    await submit();

    expect(await screen.findByText("is not correct")).toBeInTheDocument();
    const current = screen.getByLabelText(/^Current password/);
    expect(current).toHaveValue("");
    expect(current).toHaveFocus();
    expect(screen.getByLabelText(/^New password/)).toHaveValue(NEW);
  });

  it("keeps every field after a server error", async () => {
    server(() => problemResponse(500, { title: "Internal Server Error", errorId: "abc123" }));
    await submit();

    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveValue(CURRENT);
    expect(screen.getByLabelText(/^New password/)).toHaveValue(NEW);
    expect(screen.getByLabelText(/^Repeat the new password/)).toHaveValue(NEW);
  });
});
