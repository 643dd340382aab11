import type { IncomingHttpHeaders } from "node:http";
import { Agent, type Dispatcher, request } from "undici";
import { isPrivateHost } from "./address";
import { checkedAgent, PrivateAddressError, type ResolveAll } from "./checked-lookup";

// The one way the server fetches an address it did not choose (a file host named in upstream's
// answer, an uploaded file read back). Only http(s); an IP literal is checked before connecting
// and a name where it is resolved (checked-lookup.ts); every redirect hop is checked again; the
// body is counted whatever Content-Length says; the whole exchange has one deadline.

export type Refusal =
  | "bad-url"
  | "bad-scheme"
  | "private-address"
  | "too-many-redirects"
  | "too-large"
  | "timeout"
  | "unreachable"
  | "bad-status";

export type GuardedOptions = {
  maxBytes: number;
  timeoutMs: number;
  /** Redirects followed before refusing (5 unless said). */
  maxRedirects?: number;
  /**
   * Origins trusted even though they are private: only the app's own sandbox standing in for
   * Vimmerse, whose files live at the app's (often loopback) address. A redirect out of one is
   * checked like any other hop.
   */
  allowOrigins?: readonly string[];
  signal?: AbortSignal;
  /** Test seam: answers DNS for invented names. */
  resolve?: ResolveAll;
};

export type Fetched = { ok: true; url: string; status: number; contentType: string; bytes: Uint8Array<ArrayBuffer> };
export type Refused = { ok: false; reason: Refusal; url: string; status?: number };

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const agents: { checked?: Agent; trusted?: Agent } = {};

export async function guardedFetch(input: string, opts: GuardedOptions): Promise<Fetched | Refused> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const allowed = new Set((opts.allowOrigins ?? []).map(originOf));
  const own = opts.resolve ? checkedAgent(opts.resolve) : undefined;
  let url = input;
  const refuse = (reason: Refusal, status?: number): Refused => ({ ok: false, reason, url, status });
  try {
    for (let hop = 0; ; hop++) {
      const target = parseHttpUrl(url);
      if (typeof target === "string") return refuse(target);
      const trusted = allowed.has(target.origin);
      if (!trusted && isPrivateHost(target.hostname)) return refuse("private-address");
      const dispatcher: Dispatcher = trusted
        ? (agents.trusted ??= new Agent())
        : (own ?? (agents.checked ??= checkedAgent()));
      const res = await request(target, { dispatcher, signal, method: "GET" });
      const location = first(res.headers.location);
      if (REDIRECT.has(res.statusCode) && location) {
        discard(res.body);
        if (hop >= (opts.maxRedirects ?? 5)) return refuse("too-many-redirects");
        url = URL.canParse(location, target) ? new URL(location, target).toString() : location;
        continue;
      }
      if (res.statusCode < 200 || res.statusCode > 299) {
        discard(res.body);
        return refuse("bad-status", res.statusCode);
      }
      if (Number(first(res.headers["content-length"]) ?? 0) > opts.maxBytes) {
        discard(res.body);
        return refuse("too-large");
      }
      const bytes = await readCapped(res.body, opts.maxBytes, () => discard(res.body));
      if (!bytes) return refuse("too-large");
      return { ok: true, url, status: res.statusCode, contentType: contentTypeOf(res.headers), bytes };
    }
  } catch (err) {
    // The caller's own abort is theirs to handle; everything else is a refusal.
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (timeout.aborted) return refuse("timeout");
    return refuse(isPrivateRefusal(err) ? "private-address" : "unreachable");
  } finally {
    own?.destroy().catch(() => {});
  }
}

/** The fetcher behind a `fetch`-shaped seam: a refusal is thrown, the body is already capped. */
export function guardedFetchLike(opts: Omit<GuardedOptions, "signal">) {
  return async (input: string, init?: { signal?: AbortSignal | null }): Promise<Response> => {
    const r = await guardedFetch(input, { ...opts, signal: init?.signal ?? undefined });
    if (!r.ok) throw new Error(`fetch of ${r.url} refused: ${r.reason}${r.status ? ` ${r.status}` : ""}`);
    return new Response(r.bytes.byteLength ? r.bytes : null, {
      status: r.status,
      headers: { "content-type": r.contentType },
    });
  };
}

/** Reads a body whole, or stops (and calls `stop`) at the first byte past `maxBytes`: null. */
export async function readCapped(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  stop: () => void = () => {},
): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      stop();
      return null;
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A web stream as chunks; leaving the loop early cancels the stream. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function parseHttpUrl(value: string): URL | "bad-url" | "bad-scheme" {
  if (!URL.canParse(value)) return "bad-url";
  const url = new URL(value);
  return url.protocol === "http:" || url.protocol === "https:" ? url : "bad-scheme";
}

function originOf(value: string): string {
  return URL.canParse(value) ? new URL(value).origin : value;
}

/** Drops a body not wanted; undici reports its own abort as an error nobody needs to hear. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const contentTypeOf = (headers: IncomingHttpHeaders) =>
  (first(headers["content-type"]) ?? "").split(";")[0]!.trim().toLowerCase();

function isPrivateRefusal(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof PrivateAddressError) return true;
  }
  return false;
}
