import {
  errorFromResponse,
  parseErrorBody,
  parseRetryAfter,
  UpstreamUnavailableError,
  type VimmerseError,
} from "./errors";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type HttpConfig = {
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  /** Per attempt, until the response headers (download) or the whole JSON body (others). */
  timeoutMs: number;
  /** Extra attempts after the first one. */
  retries: number;
  sleep: Sleep;
  /** [0, 1), for jitter; injectable so tests are deterministic. */
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error goes to the caller instead. */
  maxRetryAfterMs: number;
};

export type RequestSpec = {
  method: "GET" | "POST" | "PUT";
  /** Already percent-encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Built afresh for each attempt: a body cannot be sent twice. */
  body?: () => BodyInit;
  contentType?: string;
  accept?: string;
  /**
   * Safe to send twice. Creates, edit and process are not: they spend credits and a lost
   * response does not mean a lost request, so a retry could make and charge a second media.
   * Those are retried only when the connection provably never opened (see neverSent).
   */
  idempotent: boolean;
  signal?: AbortSignal;
};

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

// Failures that happen before a single byte of the request leaves: no connection, no DNS answer.
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

export function neverSent(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && NEVER_SENT_CODES.has(e.code)) return true;
  // Happy-eyeballs connects report an AggregateError: never sent only if every address refused.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => neverSent(x, depth + 1))) return true;
  return neverSent(e.cause, depth + 1);
}

type Failure = { error: VimmerseError; retryable: boolean; neverSent: boolean; retryAfterMs: number | null };
type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/** Handles a 2xx response; `done()` stops the attempt's timeout (call it once the body is read). */
export type OnOk<T> = (res: Response, done: () => void) => Promise<T>;

const RETRYABLE_STATUS = (s: number) => s === 429 || s === 408 || s >= 500;

function timeoutError(ms: number, cause?: unknown): UpstreamUnavailableError {
  return new UpstreamUnavailableError(`Vimmerse did not answer within ${ms} ms`, "timeout", { cause });
}

export function createHttp(config: HttpConfig) {
  const base = config.baseUrl.replace(/\/+$/, "");

  function urlFor(spec: RequestSpec): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) qs.append(k, String(v));
    const q = qs.toString();
    return `${base}${spec.path}${q ? `?${q}` : ""}`;
  }

  const timedOut = (cause: unknown): Failure & { ok: false } => ({
    ok: false,
    error: timeoutError(config.timeoutMs, cause),
    retryable: true,
    neverSent: false,
    retryAfterMs: null,
  });

  async function attempt<T>(spec: RequestSpec, onOk: OnOk<T>): Promise<Outcome<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), config.timeoutMs);
    const done = () => clearTimeout(timer);
    const signal = spec.signal ? AbortSignal.any([spec.signal, controller.signal]) : controller.signal;
    const headers: Record<string, string> = { "X-Api-Key": config.apiKey, Accept: spec.accept ?? "application/json" };
    if (spec.contentType) headers["Content-Type"] = spec.contentType;

    let res: Response;
    try {
      res = await config.fetch(urlFor(spec), { method: spec.method, headers, body: spec.body?.(), signal });
    } catch (e) {
      done();
      // The caller gave up: not upstream's fault, never retried.
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (controller.signal.aborted) return timedOut(e);
      const unsent = neverSent(e);
      const error = new UpstreamUnavailableError(
        `Vimmerse unreachable: ${e instanceof Error ? e.message : String(e)}`,
        "network",
        { cause: e, neverSent: unsent },
      );
      return { ok: false, error, retryable: true, neverSent: unsent, retryAfterMs: null };
    }

    if (!res.ok) {
      let text = "";
      try {
        text = await res.text();
      } catch {
        // The status already says what happened; a lost error body is not worth more.
      }
      done();
      if (spec.signal?.aborted) throw spec.signal.reason;
      const error = errorFromResponse(res.status, parseErrorBody(text), res.headers);
      const retryAfterMs = RETRYABLE_STATUS(res.status) ? parseRetryAfter(res.headers.get("retry-after")) : null;
      return { ok: false, error, retryable: RETRYABLE_STATUS(res.status), neverSent: false, retryAfterMs };
    }

    try {
      const value = await onOk(res, done);
      return { ok: true, value };
    } catch (e) {
      done();
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (controller.signal.aborted) return timedOut(e);
      const error =
        e instanceof UpstreamUnavailableError
          ? e
          : new UpstreamUnavailableError(
              `Vimmerse response unreadable: ${e instanceof Error ? e.message : String(e)}`,
              "network",
              { cause: e },
            );
      return { ok: false, error, retryable: true, neverSent: false, retryAfterMs: null };
    }
  }

  function backoff(attemptIndex: number): number {
    const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attemptIndex);
    return Math.floor(config.random() * ceiling); // full jitter
  }

  async function send<T>(spec: RequestSpec, onOk: OnOk<T>): Promise<T> {
    for (let i = 0; ; i++) {
      const outcome = await attempt(spec, onOk);
      if (outcome.ok) return outcome.value;
      const allowed = spec.idempotent ? outcome.retryable : outcome.neverSent;
      if (!allowed || i >= config.retries) throw outcome.error;
      // Waiting out a long Retry-After would hold the caller's request hostage; let it decide.
      if (outcome.retryAfterMs !== null && outcome.retryAfterMs > config.maxRetryAfterMs) throw outcome.error;
      await config.sleep(outcome.retryAfterMs ?? backoff(i), spec.signal);
    }
  }

  /** Sends and returns the parsed JSON of a 2xx answer. */
  function json(spec: RequestSpec): Promise<unknown> {
    return send(spec, async (res, done) => {
      const text = await res.text();
      done();
      try {
        return text.trim() === "" ? null : (JSON.parse(text) as unknown);
      } catch (e) {
        throw new UpstreamUnavailableError("Vimmerse answered with a body that is not JSON", "invalid_response", {
          status: res.status,
          body: text.slice(0, 2000),
          cause: e,
        });
      }
    });
  }

  /** Sends and returns the 2xx Response with its body untouched; the timeout ends at the headers. */
  function stream(spec: RequestSpec): Promise<Response> {
    return send(spec, async (res, done) => {
      done();
      return res;
    });
  }

  return { json, stream };
}

export type Http = ReturnType<typeof createHttp>;
