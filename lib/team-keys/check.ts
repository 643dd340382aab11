import { randomUUID } from "node:crypto";
import { createVimmerseClient, type FetchLike, NotFoundError, UnauthorizedError } from "@/lib/vimmerse";

// Whether Vimmerse accepts a key, asked without spending or changing anything. The API has no
// "who am I", so the check reads a media that cannot exist: an accepted key gets 404, a refused
// one 401/403. Anything else (no answer, 5xx, 429, an odd 4xx) proves nothing either way, so the
// caller stores nothing and says to try again, rather than saving a key nobody has vouched for.

export type KeyCheck = "accepted" | "refused" | "unreachable";

export async function checkVimmerseKey(
  apiKey: string,
  opts: { baseUrl: string; fetch?: FetchLike; timeoutMs?: number },
): Promise<KeyCheck> {
  const client = createVimmerseClient({
    apiKey,
    baseUrl: opts.baseUrl,
    // A person waits on this: one retry, short timeouts.
    retries: 1,
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxRetryAfterMs: 0,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  try {
    await client.getMedia(`studio-key-check-${randomUUID()}`);
    // Upstream answered with a media for an id nobody made: authenticated all the same.
    return "accepted";
  } catch (err) {
    if (err instanceof NotFoundError) return "accepted";
    if (err instanceof UnauthorizedError) return "refused";
    return "unreachable";
  }
}
