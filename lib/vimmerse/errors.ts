// Typed failures of the Vimmerse API. The app branches on the class (402 → "buy credits",
// 404 → "gone", 422 → show field messages), so every HTTP outcome maps to exactly one of them.

export type ErrorBody = unknown;

export class VimmerseError extends Error {
  /** HTTP status, or null when no response was received (network, timeout, client-side check). */
  readonly status: number | null;
  /** Upstream's `message` code (e.g. "INSUFFICIENT_CREDIT"), when the body carried one. */
  readonly code: string | null;
  /** The error body as received: parsed JSON when it was JSON, else the text (or null). */
  readonly body: ErrorBody;

  constructor(
    message: string,
    opts: { status?: number | null; code?: string | null; body?: ErrorBody; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    // Spelled out: minified server bundles rename classes, and logs and tests read `name`.
    this.name = "VimmerseError";
    this.status = opts.status ?? null;
    this.code = opts.code ?? null;
    this.body = opts.body ?? null;
  }
}

export class InsufficientCreditError extends VimmerseError {
  override name = "InsufficientCreditError";
}

export class NotFoundError extends VimmerseError {
  override name = "NotFoundError";
}

export class UnauthorizedError extends VimmerseError {
  override name = "UnauthorizedError";
}

export class BadRequestError extends VimmerseError {
  override name = "BadRequestError";
}

export class ValidationError extends VimmerseError {
  override name = "ValidationError";
  /** Field path ("quantity", "pose_preset.0.Params") → messages. "_" holds form-level messages. */
  readonly fields: Record<string, string[]>;

  constructor(
    message: string,
    fields: Record<string, string[]>,
    opts: { status?: number | null; code?: string | null; body?: ErrorBody } = {},
  ) {
    super(message, opts);
    this.fields = fields;
  }
}

export class RateLimitedError extends VimmerseError {
  override name = "RateLimitedError";
  /** How long upstream asked us to wait, from Retry-After; null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    retryAfterMs: number | null,
    opts: { status?: number | null; code?: string | null; body?: ErrorBody } = {},
  ) {
    super(message, opts);
    this.retryAfterMs = retryAfterMs;
  }
}

export type UnavailableReason = "http" | "timeout" | "network" | "invalid_response";

/** Upstream could not be reached or answered something unusable; worth trying again later. */
export class UpstreamUnavailableError extends VimmerseError {
  override name = "UpstreamUnavailableError";
  readonly reason: UnavailableReason;
  /** The request provably never left (no connection, no DNS answer): nothing can have been made or charged. */
  readonly neverSent: boolean;

  constructor(
    message: string,
    reason: UnavailableReason,
    opts: { status?: number | null; code?: string | null; body?: ErrorBody; cause?: unknown; neverSent?: boolean } = {},
  ) {
    super(message, opts);
    this.reason = reason;
    this.neverSent = opts.neverSent ?? false;
  }
}

/** JSON when it parses, the raw text otherwise: error bodies are not always JSON (proxies, HTML). */
export function parseErrorBody(text: string): ErrorBody {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `{"message": CODE}` upstream; FastAPI's own HTTPException says `{"detail": "..."}`. */
export function codeOf(body: ErrorBody): string | null {
  if (!isRecord(body)) return null;
  if (typeof body.message === "string" && body.message !== "") return body.message;
  if (typeof body.detail === "string" && body.detail !== "") return body.detail;
  if (typeof body.code === "string" && body.code !== "") return body.code;
  return null;
}

// FastAPI prefixes loc with where the value came from; the caller only cares about the field.
const LOC_SOURCES = new Set(["body", "query", "path", "form", "header", "cookie"]);

export function fieldKey(path: readonly PropertyKey[]): string {
  const parts = path.map((p) => String(p));
  if (parts.length > 1 && LOC_SOURCES.has(parts[0]!)) parts.shift();
  else if (parts.length === 1 && LOC_SOURCES.has(parts[0]!)) return "_";
  return parts.length === 0 ? "_" : parts.join(".");
}

export function addField(fields: Record<string, string[]>, key: string, message: string): void {
  (fields[key] ??= []).push(message);
}

/** FastAPI's `{"detail": [{loc, msg, type}]}` → per-field messages; tolerates a string detail. */
export function fieldsFromDetail(body: ErrorBody): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if (!isRecord(body)) return fields;
  const detail = body.detail;
  if (typeof detail === "string") addField(fields, "_", detail);
  if (!Array.isArray(detail)) return fields;
  for (const item of detail) {
    if (!isRecord(item)) continue;
    const loc = Array.isArray(item.loc)
      ? item.loc.filter((p): p is string | number => typeof p === "string" || typeof p === "number")
      : [];
    const msg = typeof item.msg === "string" ? item.msg : "Invalid value";
    addField(fields, fieldKey(loc), msg);
  }
  return fields;
}

function summarize(fields: Record<string, string[]>): string {
  const parts = Object.entries(fields).map(([k, msgs]) => `${k}: ${msgs.join("; ")}`);
  return parts.length ? parts.join(", ") : "invalid request";
}

export function validationError(
  fields: Record<string, string[]>,
  opts: { status?: number | null; body?: ErrorBody } = {},
): ValidationError {
  return new ValidationError(`Vimmerse validation failed (${summarize(fields)})`, fields, opts);
}

/**
 * Retry-After is either delta-seconds or an HTTP date. Returns null when absent or garbled so
 * the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Maps a non-2xx response to its typed error. `body` is already parsed (parseErrorBody). */
export function errorFromResponse(status: number, body: ErrorBody, headers: Headers): VimmerseError {
  const code = codeOf(body);
  const opts = { status, code, body };
  const what = code ?? `HTTP ${status}`;
  if (status === 402) return new InsufficientCreditError(`Vimmerse: insufficient credit (${what})`, opts);
  if (status === 404) return new NotFoundError(`Vimmerse: media not found (${what})`, opts);
  if (status === 401 || status === 403) return new UnauthorizedError(`Vimmerse: unauthorized (${what})`, opts);
  if (status === 422) {
    const fields = fieldsFromDetail(body);
    return new ValidationError(`Vimmerse validation failed (${summarize(fields)})`, fields, opts);
  }
  if (status === 429) {
    return new RateLimitedError(`Vimmerse: rate limited (${what})`, parseRetryAfter(headers.get("retry-after")), opts);
  }
  if (status === 400) return new BadRequestError(`Vimmerse: bad request (${what})`, opts);
  if (status >= 500) return new UpstreamUnavailableError(`Vimmerse unavailable (${what})`, "http", opts);
  return new VimmerseError(`Vimmerse: unexpected response (${what})`, opts);
}
