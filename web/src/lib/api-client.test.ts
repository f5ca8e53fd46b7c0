import { describe, expect, it, vi } from "vitest";

import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";

import { api, ApiError, lastAnswerTime, setUnauthorizedHandler } from "./api-client";

const csrfFailed = () => problemResponse(403, { title: "Forbidden", code: "csrf_failed", detail: "CSRF token missing" });

describe("api client", () => {
  it("sends GET requests same-origin without fetching a CSRF token", async () => {
    const fetch = mockFetch(() => jsonResponse({ status: "ok" }));

    await expect(api.get("/api/health")).resolves.toEqual({ status: "ok" });

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe("/api/health");
    expect(init?.credentials).toBe("same-origin");
    expect(headerOf(init, "X-CSRF-Token")).toBeNull();
  });

  it("marks background polls, and their answers are not activity", async () => {
    const fetch = mockFetch(() => jsonResponse({ count: 2 }));
    await api.get("/api/health");
    const before = lastAnswerTime();
    await new Promise((resolve) => setTimeout(resolve, 5));

    await expect(api.get("/api/messages/unread", { background: true })).resolves.toEqual({ count: 2 });

    expect(headerOf(fetch.mock.calls[1]?.[1], "X-Background-Request")).toBe("1");
    expect(headerOf(fetch.mock.calls[0]?.[1], "X-Background-Request")).toBeNull();
    expect(lastAnswerTime()).toBe(before);
  });

  it("fetches the CSRF token once and sends it with every unsafe request", async () => {
    const fetch = mockFetch((url) =>
      url === "/api/csrf" ? jsonResponse({ csrfToken: "token-1" }) : jsonResponse({ id: 1 }, { status: 201 }),
    );

    await api.post("/api/appointments", { doctorId: 3 });
    await api.put("/api/appointments/1", { status: "cancelled" });

    const urls = fetch.mock.calls.map(([url]) => url);
    expect(urls).toEqual(["/api/csrf", "/api/appointments", "/api/appointments/1"]);
    const post = fetch.mock.calls[1]?.[1];
    expect(post?.method).toBe("POST");
    expect(headerOf(post, "X-CSRF-Token")).toBe("token-1");
    expect(headerOf(post, "Content-Type")).toBe("application/json");
    expect(post?.body).toBe(JSON.stringify({ doctorId: 3 }));
    expect(headerOf(fetch.mock.calls[2]?.[1], "X-CSRF-Token")).toBe("token-1");
  });

  it("refetches the token and retries once on 403 csrf_failed", async () => {
    let tokens = 0;
    let posts = 0;
    const fetch = mockFetch((url) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: `token-${++tokens}` });
      posts += 1;
      return posts === 1 ? csrfFailed() : jsonResponse({ ok: true });
    });

    await expect(api.post("/api/login", { username: "alice", password: "pw" })).resolves.toEqual({ ok: true });

    const calls = fetch.mock.calls.map(([url, init]) => [url, headerOf(init, "X-CSRF-Token")]);
    expect(calls).toEqual([
      ["/api/csrf", null],
      ["/api/login", "token-1"],
      ["/api/csrf", null],
      ["/api/login", "token-2"],
    ]);
  });

  it("gives up after one retry when the token is refused again", async () => {
    const fetch = mockFetch((url) => (url === "/api/csrf" ? jsonResponse({ csrfToken: "t" }) : csrfFailed()));

    const error = await api.post("/api/logout").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: "csrf_failed" });
    expect(fetch.mock.calls.filter(([url]) => url === "/api/logout")).toHaveLength(2);
  });

  it("parses problem+json into an ApiError with field errors and extension members", async () => {
    mockFetch((url) =>
      url === "/api/csrf"
        ? jsonResponse({ csrfToken: "t" })
        : problemResponse(409, {
            title: "Conflict",
            detail: "That slot was just booked.",
            code: "slot_taken",
            errors: { startTime: "slot taken" },
            alternatives: [{ startTime: "2026-12-01T08:30:00Z", endTime: "2026-12-01T09:00:00Z" }],
          }),
    );

    const error = await api.post("/api/appointments", {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(409);
    expect(apiError.code).toBe("slot_taken");
    expect(apiError.title).toBe("Conflict");
    expect(apiError.detail).toBe("That slot was just booked.");
    expect(apiError.message).toBe("That slot was just booked.");
    expect(apiError.fieldErrors).toEqual({ startTime: "slot taken" });
    expect(apiError.body.alternatives).toEqual([
      { startTime: "2026-12-01T08:30:00Z", endTime: "2026-12-01T09:00:00Z" },
    ]);
  });

  it("keeps the error id of an unexpected server error", async () => {
    mockFetch(() => problemResponse(500, { title: "Internal Server Error", code: "internal_error", errorId: "e-42" }));

    await expect(api.get("/api/user")).rejects.toMatchObject({ status: 500, errorId: "e-42", fieldErrors: {} });
  });

  it("turns a non-JSON error response into an ApiError", async () => {
    mockFetch(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));

    await expect(api.get("/api/health")).rejects.toMatchObject({ status: 502, code: "http_error", title: "Bad Gateway" });
  });

  it("reports a network failure as status 0", async () => {
    mockFetch(() => {
      throw new TypeError("Failed to fetch");
    });

    await expect(api.get("/api/health")).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("reads Retry-After on 429", async () => {
    mockFetch(
      () =>
        new Response(JSON.stringify({ status: 429, title: "Too Many Requests", code: "rate_limited" }), {
          status: 429,
          headers: { "Content-Type": "application/problem+json", "Retry-After": "120" },
        }),
    );

    await expect(api.get("/api/doctors")).rejects.toMatchObject({ code: "rate_limited", retryAfter: 120 });
  });

  it("returns undefined for 204 No Content", async () => {
    mockFetch((url) => (url === "/api/csrf" ? jsonResponse({ csrfToken: "t" }) : new Response(null, { status: 204 })));

    await expect(api.delete("/api/schedule/4")).resolves.toBeUndefined();
  });

  it("adds query parameters and reads X-Total-Count for lists", async () => {
    const fetch = mockFetch(() => jsonResponse([{ id: 1 }, { id: 2 }], { headers: { "X-Total-Count": "57" } }));

    const page = await api.list<{ id: number }>("/api/appointments", {
      params: { status: "scheduled", limit: 2, offset: 0, from: undefined },
    });

    expect(fetch.mock.calls[0]?.[0]).toBe("/api/appointments?status=scheduled&limit=2&offset=0");
    expect(page).toEqual({ items: [{ id: 1 }, { id: 2 }], total: 57 });
  });

  it("calls the unauthorized handler on 401 unauthenticated, not on other 401s", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    mockFetch((url) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/login") return problemResponse(401, { title: "Unauthorized", code: "invalid_credentials" });
      return problemResponse(401, { title: "Unauthorized", code: "unauthenticated" });
    });

    await expect(api.post("/api/login", {})).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();

    await expect(api.get("/api/user", { handleUnauthorized: false })).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();

    await expect(api.get("/api/user")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0]).toBeInstanceOf(ApiError);
  });
});
