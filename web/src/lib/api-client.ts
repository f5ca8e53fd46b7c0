/**
 * The one HTTP client of the web app (the contract: docs/API.md in this repository).
 *
 * - Same origin, session cookie (`credentials: "same-origin"`), JSON in and out (a `FormData`
 *   body is sent as `multipart/form-data`: document uploads).
 * - Unsafe methods carry `X-CSRF-Token`; the token comes from `GET /api/csrf` and is cached.
 *   A 403 `csrf_failed` refetches the token and retries the request once.
 * - Every non-2xx response becomes a thrown `ApiError` (parsed from problem+json).
 * - A 401 `unauthenticated` calls the handler registered with `setUnauthorizedHandler`;
 *   a 403 `mfa_enrolment_required` the one registered with `setMfaEnrolmentHandler`.
 *
 * UI code does not import `api` directly: each feature wraps its endpoints in api/ hooks.
 */

import { type ApiSchema } from "./api-types";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Field name (camelCase, as in the request body) → message. */
export type FieldErrors = Record<string, string>;

/**
 * An RFC 9457 problem document as the server sends it (the `Problem` schema, every member
 * optional because it is read defensively), the `errorId` of a 500, and extension members.
 */
export type ProblemBody = Partial<ApiSchema<"Problem">> & { errorId?: string; [extension: string]: unknown };

export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status; 0 when the request never got a response (network failure). */
  readonly status: number;
  /** Stable machine-readable code (`validation_error`, `slot_taken`, …). */
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldErrors;
  /** Opaque id of an unexpected server error (500), to quote to support. */
  readonly errorId: string | undefined;
  /** Seconds to wait before retrying, from `Retry-After` (429). */
  readonly retryAfter: number | undefined;
  /** The whole problem document, for extension members such as `alternatives`. */
  readonly body: ProblemBody;

  constructor(
    status: number,
    body: ProblemBody,
    options: { retryAfter?: number | undefined; cause?: unknown } = {},
  ) {
    const title = body.title ?? (status === 0 ? "Network error" : `HTTP ${status}`);
    super(body.detail ?? title, { cause: options.cause });
    this.status = status;
    this.code = body.code ?? (status === 0 ? "network_error" : "http_error");
    this.title = title;
    this.detail = body.detail;
    this.fieldErrors = body.errors ?? {};
    this.errorId = body.errorId;
    this.retryAfter = options.retryAfter;
    this.body = body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface RequestOptions {
  /** Query string parameters; `undefined` and `null` values are left out. */
  params?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Set to false for requests where a 401 is an expected answer (e.g. probing the
   * session on a public page) rather than a reason to send the user to log in.
   */
  handleUnauthorized?: boolean;
  /**
   * A poll nobody asked for (the unread-message count): sent with `X-Background-Request: 1`, so
   * the server does not count it as activity, and its answer does not count here either (the
   * idle timeout of an open tab nobody uses still comes).
   */
  background?: boolean;
}

export interface ListResult<T> {
  items: T[];
  /** From `X-Total-Count`; the length of `items` when the header is absent. */
  total: number;
}

const CSRF_PATH = "/api/csrf";
const UNSAFE_METHODS: ReadonlySet<HttpMethod> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;
let csrfTokenRequest: Promise<string> | null = null;
let unauthorizedHandler: ((error: ApiError) => void) | null = null;
let mfaEnrolmentHandler: ((error: ApiError) => void) | null = null;
let lastAnsweredAt = Date.now();

/** Register what happens on a 401 `unauthenticated` (clear caches, go to login). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

/** Register what happens on a 403 `mfa_enrolment_required` (go to the enrolment page). */
export function setMfaEnrolmentHandler(handler: ((error: ApiError) => void) | null): void {
  mfaEnrolmentHandler = handler;
}

/**
 * When the server last answered a request of this page. Signed-in requests touch the
 * session; the odd one that does not (`/api/csrf`) only makes the idle check a little later.
 */
export function lastAnswerTime(): number {
  return lastAnsweredAt;
}

/** Forget the cached CSRF token (after login/logout, and between tests). */
export function resetCsrfToken(): void {
  csrfToken = null;
  csrfTokenRequest = null;
}

async function getCsrfToken(): Promise<string> {
  if (csrfToken !== null) return csrfToken;
  // Concurrent writes share one token request.
  csrfTokenRequest ??= send("GET", CSRF_PATH, undefined, {})
    .then(({ data }) => {
      const token = (data as { csrfToken?: unknown } | undefined)?.csrfToken;
      if (typeof token !== "string" || token === "") {
        throw new ApiError(500, { title: "Invalid CSRF response", code: "csrf_unavailable" });
      }
      csrfToken = token;
      return token;
    })
    .finally(() => {
      csrfTokenRequest = null;
    });
  return csrfTokenRequest;
}

function buildUrl(path: string, params: RequestOptions["params"]): string {
  if (!params) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.append(key, String(value));
  }
  const query = search.toString();
  if (query === "") return path;
  return `${path}${path.includes("?") ? "&" : "?"}${query}`;
}

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === "") return undefined;
  if (isJson(response.headers.get("Content-Type"))) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return text;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Read what the server sent defensively: the typed members keep only values of their type. */
function toProblem(status: number, statusText: string, data: unknown): ProblemBody {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { title: statusText === "" ? `HTTP ${status}` : statusText, status };
  }
  const raw = data as Record<string, unknown>;
  const errors: FieldErrors = {};
  if (typeof raw.errors === "object" && raw.errors !== null) {
    for (const [field, message] of Object.entries(raw.errors as Record<string, unknown>)) {
      if (typeof message === "string") errors[field] = message;
      else if (Array.isArray(message)) errors[field] = message.map(String).join(" ");
    }
  }
  return {
    ...raw,
    type: optionalString(raw.type),
    title: optionalString(raw.title) ?? (statusText === "" ? `HTTP ${status}` : statusText),
    status,
    detail: optionalString(raw.detail),
    code: optionalString(raw.code),
    errorId: optionalString(raw.errorId),
    errors,
  };
}

async function send(
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions,
  csrf?: string,
): Promise<{ data: unknown; response: Response }> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    ...options.headers,
  };
  // A FormData body (the one upload route) sets its own multipart Content-Type.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (csrf !== undefined) headers["X-CSRF-Token"] = csrf;
  if (options.background === true) headers["X-Background-Request"] = "1";

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      method,
      headers,
      body: body === undefined ? null : isForm ? body : JSON.stringify(body),
      credentials: "same-origin",
      ...(options.signal !== undefined && { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(
      0,
      { title: "Network error", detail: "Could not reach the server. Check your connection." },
      { cause: error },
    );
  }

  if (options.background !== true) lastAnsweredAt = Date.now();
  const data = await readBody(response);
  if (!response.ok) {
    throw new ApiError(response.status, toProblem(response.status, response.statusText, data), {
      retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
    });
  }
  return { data, response };
}

async function request(
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<{ data: unknown; response: Response }> {
  try {
    if (!UNSAFE_METHODS.has(method)) return await send(method, path, body, options);
    try {
      return await send(method, path, body, options, await getCsrfToken());
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 403 && error.code === "csrf_failed")) {
        throw error;
      }
      // The token expired or the session changed: fetch a fresh one and retry once.
      resetCsrfToken();
      return await send(method, path, body, options, await getCsrfToken());
    }
  } catch (error) {
    if (
      error instanceof ApiError &&
      error.status === 401 &&
      error.code === "unauthenticated" &&
      options.handleUnauthorized !== false
    ) {
      unauthorizedHandler?.(error);
    }
    if (error instanceof ApiError && error.status === 403 && error.code === "mfa_enrolment_required") {
      mfaEnrolmentHandler?.(error);
    }
    throw error;
  }
}

/**
 * Typed calls. `T` is what the contract promises; it is not checked at run time, so
 * parse with zod in the feature's api/ file where the shape matters.
 */
export const api = {
  async get<T>(path: string, options?: RequestOptions): Promise<T> {
    return (await request("GET", path, undefined, options)).data as T;
  },
  /** GET a list endpoint, with the total from `X-Total-Count`. */
  async list<T>(path: string, options?: RequestOptions): Promise<ListResult<T>> {
    const { data, response } = await request("GET", path, undefined, options);
    const items = Array.isArray(data) ? (data as T[]) : [];
    const total = Number(response.headers.get("X-Total-Count") ?? Number.NaN);
    return { items, total: Number.isFinite(total) ? total : items.length };
  },
  async post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return (await request("POST", path, body, options)).data as T;
  },
  async put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return (await request("PUT", path, body, options)).data as T;
  },
  async patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return (await request("PATCH", path, body, options)).data as T;
  },
  async delete<T = undefined>(path: string, options?: RequestOptions): Promise<T> {
    return (await request("DELETE", path, undefined, options)).data as T;
  },
};
