import { vi, type Mock } from "vitest";

export type FetchHandler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Replace global fetch for one test (undone by `unstubGlobals`). */
export function mockFetch(handler: FetchHandler): Mock<typeof fetch> {
  const mock = vi.fn<typeof fetch>((input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(handler(url, init ?? {}));
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(body), { status: 200, ...init, headers });
}

export function problemResponse(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

/** The header a mocked fetch call was made with. */
export function headerOf(init: RequestInit | undefined, name: string): string | null {
  return new Headers(init?.headers).get(name);
}

/** The JSON body a mocked fetch call was made with. */
export function jsonBodyOf(init: RequestInit): Record<string, unknown> {
  if (typeof init.body !== "string") throw new TypeError("the request has no JSON body");
  return JSON.parse(init.body) as Record<string, unknown>;
}
