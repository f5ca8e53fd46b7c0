import { configure, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { appointment, DOCTOR_USER, PATIENT } from "../test/fixtures";
import { AppointmentItem } from "./appointment-item";

configure({ asyncUtilTimeout: 5000 });

function serve() {
  const bodies: unknown[] = [];
  mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/appointments/12" && init.method === "PUT") {
      bodies.push(jsonBodyOf(init));
      return jsonResponse(appointment({ status: "cancelled" }));
    }
    return jsonResponse([], { headers: { "X-Total-Count": "0" } });
  });
  return bodies;
}

describe("CancelDialog", { timeout: 20_000 }, () => {
  it("lets a doctor add a message for the patient, sent with the cancellation", async () => {
    const bodies = serve();
    const { user } = renderWithProviders(<AppointmentItem appointment={appointment()} viewer={DOCTOR_USER} />);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel this appointment?" });
    const message = within(dialog).getByRole("textbox", { name: /^Message to the patient \(optional\)/ });
    expect(message).toHaveAttribute("maxlength", "500");
    await user.type(message, "  I am away that day.{Enter}Please pick another time.  ");
    expect(within(dialog).getByText(/\/ 500/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel appointment" }));

    await expect.poll(() => bodies).toEqual([
      { status: "cancelled", cancellationMessage: "I am away that day.\nPlease pick another time." },
    ]);
  });

  it("sends no message when the doctor leaves it empty", async () => {
    const bodies = serve();
    const { user } = renderWithProviders(<AppointmentItem appointment={appointment()} viewer={DOCTOR_USER} />);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Cancel appointment" }));

    await expect.poll(() => bodies).toEqual([{ status: "cancelled" }]);
  });

  it("refuses control characters before sending", async () => {
    const bodies = serve();
    const { user } = renderWithProviders(<AppointmentItem appointment={appointment()} viewer={DOCTOR_USER} />);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    const dialog = await screen.findByRole("dialog");
    const message = within(dialog).getByRole("textbox");
    message.focus();
    await user.paste("bad\u0007bell");
    expect(within(dialog).getByText("Remove the control characters from the message.")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Cancel appointment" })).toBeDisabled();
    expect(bodies).toEqual([]);
  });

  it("offers patients no message field", async () => {
    serve();
    const { user } = renderWithProviders(<AppointmentItem appointment={appointment()} viewer={PATIENT} />);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("shows the patient the doctor's message on the cancelled appointment", () => {
    serve();
    const cancelled = appointment({ status: "cancelled", cancellationMessage: "Away that day.\nSorry!" });
    renderWithProviders(<AppointmentItem appointment={cancelled} viewer={PATIENT} />);
    expect(screen.getByText(/Message from the doctor/).parentElement).toHaveTextContent("Away that day. Sorry!");
  });
});
