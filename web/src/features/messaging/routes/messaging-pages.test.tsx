import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Route, Switch } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "@/features/accounts/test-helpers";

import { DOCTORS, thread, threadDetail } from "../test/fixtures";
import { InboxPage } from "./inbox-page";
import { NewThreadPage } from "./new-thread-page";
import { ThreadPage } from "./thread-page";

const PATIENT = makeUser({ id: 7, fullName: "Alice Smith", role: "patient", timezone: "Europe/Berlin" });
const DOCTOR = makeUser({ id: 3, fullName: "Dr. Bob Jones", role: "doctor", specialization: "Cardiology" });

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

function server(user: object, routes: Record<string, () => Response>, onWrite: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (method !== "GET") {
      const entry = { method, url, body: JSON.parse(typeof init.body === "string" ? init.body : "null") as unknown };
      sent.push(entry);
      return onWrite(entry);
    }
    if (url === "/api/user") return jsonResponse(user);
    const route = routes[url.split("?")[0] ?? url];
    return route === undefined ? problemResponse(404, { code: "not_found" }) : route();
  });
  return sent;
}

function pages() {
  return (
    <Switch>
      <Route path="/messages" component={InboxPage} />
      <Route path="/messages/new" component={NewThreadPage} />
      <Route path="/messages/:id" component={ThreadPage} />
    </Switch>
  );
}

describe("Messages", () => {
  it("lists conversations with the other person, the last message time and unread counts", async () => {
    server(
      PATIENT,
      { "/api/messages/threads": () => jsonResponse([thread({ unread: 2 }), thread({ id: 6, subject: "Other", status: "closed" })]) },
      () => jsonResponse({}),
    );
    renderWithProviders(pages(), { path: "/messages" });

    const list = await screen.findByRole("list", { name: "Conversations" });
    const [first, second] = within(list).getAllByRole("link");
    expect(first).toHaveTextContent("Question about my <b>tablets</b>"); // shown as text
    expect(first).toHaveTextContent("Dr. Bob Jones · Cardiology");
    expect(first).toHaveTextContent("2 unread");
    expect(first).toHaveTextContent("Tue 1 Dec 2026, 10:30 (Europe/Berlin)");
    expect(first).toHaveAttribute("href", "/messages/5");
    expect(second).toHaveTextContent("Closed");
    expect(screen.getByRole("link", { name: "New message" })).toHaveAttribute("href", "/messages/new");
  });

  it("shows a thread; a retracted message says so; the sender may retract and reply", async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const sent = server(
      PATIENT,
      { "/api/messages/threads/5": () => jsonResponse(threadDetail({}, until)) },
      ({ url }) =>
        url.endsWith("/retract")
          ? jsonResponse({ ...threadDetail().messages[0], body: null, retractedAt: until })
          : jsonResponse(threadDetail().messages[0], { status: 201 }),
    );
    const { user } = renderWithProviders(pages(), { path: "/messages/5" });

    expect(await screen.findByRole("heading", { level: 1, name: "Question about my <b>tablets</b>" })).toBeInTheDocument();
    const items = within(screen.getByRole("list", { name: "Messages" })).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("You");
    expect(items[0]).toHaveTextContent("Not read yet");
    expect(items[1]).toHaveTextContent("Clinic (automatic reply)");
    expect(items[2]).toHaveTextContent("Retracted");

    await user.click(within(items[0] as HTMLElement).getByRole("button", { name: "Retract" }));
    await user.type(screen.getByLabelText("Your reply"), "Thanks!");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => {
      expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
        ["POST", "/api/messages/11/retract", null],
        ["POST", "/api/messages/threads/5/messages", { body: "Thanks!" }],
      ]);
    });
  });

  it("tells a blocked patient why they cannot reply", async () => {
    server(
      PATIENT,
      {
        "/api/messages/threads/5": () =>
          jsonResponse(threadDetail({ canReply: false, block: { reason: "Call us instead.", createdAt: "2026-12-01T10:00:00Z" } })),
      },
      () => jsonResponse({}),
    );
    renderWithProviders(pages(), { path: "/messages/5" });
    expect(await screen.findByText("“Call us instead.”")).toBeInTheDocument();
    expect(screen.queryByLabelText("Your reply")).toBeNull();
  });

  it("lets the doctor close, block with a reason, and reply to reopen", async () => {
    const closed = threadDetail({ status: "closed", closedAt: "2026-12-01T10:00:00Z" });
    const sent = server(DOCTOR, { "/api/messages/threads/5": () => jsonResponse(closed) }, () =>
      jsonResponse({ reason: "Call us instead.", createdAt: "2026-12-01T10:00:00Z" }),
    );
    const { user } = renderWithProviders(pages(), { path: "/messages/5" });

    expect(await screen.findByText("With Alice Smith")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Close conversation" })).toBeNull();
    expect(screen.getByRole("button", { name: "Reply and reopen" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Block patient" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Block" }));
    expect(within(dialog).getByText("Give the patient a reason")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason shown to the patient/), "Call us instead.");
    await user.click(within(dialog).getByRole("button", { name: "Block" }));
    await waitFor(() => {
      expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
        ["PUT", "/api/messages/threads/5/block", { reason: "Call us instead." }],
      ]);
    });
  });

  it("writes to a doctor who accepts messages and names those who blocked the patient", async () => {
    const sent = server(PATIENT, { "/api/messages/doctors": () => jsonResponse(DOCTORS) }, () =>
      problemResponse(403, { code: "messaging_blocked", detail: "No.", reason: "Not by message, please." }),
    );
    const { user } = renderWithProviders(pages(), { path: "/messages/new" });

    const select = await screen.findByLabelText(/Doctor/);
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["Dr. Bob Jones · Cardiology"]);
    expect(screen.getByText(/Dr\. Cleo Park does not accept messages from you: “Please call the practice\.”/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send message" }));
    expect(screen.getByText("Give your message a subject")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Subject/), "Tablets");
    await user.type(screen.getByLabelText(/^Message/), "With food?");
    await user.click(screen.getByRole("button", { name: "Send message" }));
    expect(await screen.findByText(/does not accept messages from you: “Not by message, please\.”/)).toBeInTheDocument();
    expect(sent[0]?.body).toEqual({ doctorId: 3, subject: "Tablets", body: "With food?" });
  });
});
