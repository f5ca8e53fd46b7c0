import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createQueryClient } from "@/lib/query-client";
import { queryKeys } from "@/lib/query-keys";
import { jsonResponse, mockFetch } from "@/test/fetch-mock";

import { useLiveUpdates } from "./use-live-updates";

/** A stand-in for the browser's EventSource: records the URLs opened and lets a test send. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  onerror: (() => void) | null = null;
  onopen: (() => void) | null = null;
  closed = false;
  url: string;
  constructor(url: string) {
    this.url = url;
    FakeEventSource.opened.push(this);
  }
  addEventListener(kind: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  send(kind: string, id: string, data: unknown) {
    const event = new MessageEvent<string>(kind, { data: JSON.stringify(data), lastEventId: id });
    for (const listener of this.listeners.get(kind) ?? []) listener(event);
  }
}

afterEach(() => {
  FakeEventSource.opened = [];
  vi.unstubAllGlobals();
});

function setUp(): QueryClient {
  vi.stubGlobal("EventSource", FakeEventSource);
  let ticket = 0;
  mockFetch(() => {
    ticket += 1;
    return jsonResponse({ url: `http://h:5001/events?ticket=t${ticket}`, expiresInSeconds: 60, topics: [] });
  });
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(queryKeys.appointments.list({ status: "upcoming" }), { items: [], total: 0 });
  queryClient.setQueryData(queryKeys.doctors.slots(7), []);
  queryClient.setQueryData(queryKeys.doctors.slots(8), []);
  queryClient.setQueryData(queryKeys.messages.unread, { count: 0 });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  renderHook(() => { useLiveUpdates({ enabled: true }); }, { wrapper });
  return queryClient;
}

const stale = (queryClient: QueryClient, key: readonly unknown[]) =>
  queryClient.getQueryState(key)?.isInvalidated ?? false;

describe("useLiveUpdates", () => {
  it("opens the ticket's stream and makes what an appointment event names stale, nothing else", async () => {
    const queryClient = setUp();
    await waitFor(() => { expect(FakeEventSource.opened).toHaveLength(1); });
    const [source] = FakeEventSource.opened;
    expect(source?.url).toBe("http://h:5001/events?ticket=t1");
    source?.send("appointment", "41", { appointmentId: 3, doctorId: 7, action: "booked" });
    expect(stale(queryClient, queryKeys.appointments.list({ status: "upcoming" }))).toBe(true);
    expect(stale(queryClient, queryKeys.doctors.slots(7))).toBe(true);
    expect(stale(queryClient, queryKeys.doctors.slots(8))).toBe(false);
    expect(stale(queryClient, queryKeys.messages.unread)).toBe(false);
    source?.send("message", "42", { threadId: 1, messageId: 2 });
    expect(stale(queryClient, queryKeys.messages.unread)).toBe(true);
  });

  it("when the server ends the stream, reconnects with a new ticket from the last event it had", async () => {
    setUp();
    await waitFor(() => { expect(FakeEventSource.opened).toHaveLength(1); });
    const first = FakeEventSource.opened[0];
    first?.send("appointment", "57", { appointmentId: 3, doctorId: 7 });
    first?.send("end", "", {});
    await waitFor(() => { expect(FakeEventSource.opened).toHaveLength(2); });
    expect(first?.closed).toBe(true);
    expect(FakeEventSource.opened[1]?.url).toBe("http://h:5001/events?ticket=t2&lastEventId=57");
  });
});
