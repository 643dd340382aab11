import { env } from "@/lib/env";

// Route handlers a signed-in browser can reach refuse state-changing requests sent by other
// sites, so the session cookie is never spent by a page elsewhere (SameSite=Lax alone lets a
// sibling subdomain through, and relies on every browser getting it right). Server actions get
// the same check from Next itself. Requests that carry their own proof (webhook secrets, the
// cron bearer, the sandbox key, UploadThing's signature) and non-browser clients, which send
// neither Origin nor Sec-Fetch-Site and hold no one's cookie, are not the target.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_ORIGIN_REFUSAL = "This request came from another site, so it was refused.";

/** The host the browser addressed: the TLS proxy's x-forwarded-host, else Host (as Next checks actions). */
function requestHost(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return host ? host.toLowerCase() : null;
}

/**
 * True when the request may change state: a safe method, an Origin that is exactly the app's
 * (APP_URL, or the host the request was sent to), or no Origin from a browser that says the
 * request is its own (Sec-Fetch-Site same-origin or none) or from a client that sends neither.
 */
export function fromOwnOrigin(method: string, headers: Headers, appUrl: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages, some redirects) and anything malformed
  }
  // Browsers send the bare serialized origin; anything else did not come from one.
  if (url.origin !== origin) return false;
  if (url.origin === new URL(appUrl).origin) return true;
  return (url.protocol === "https:" || url.protocol === "http:") && url.host === requestHost(headers);
}

/** The 403 for a cross-site request, or null to go on. */
export function refuseCrossOrigin(request: Request, appUrl: string = env().APP_URL): Response | null {
  if (fromOwnOrigin(request.method, request.headers, appUrl)) return null;
  return Response.json({ error: CROSS_ORIGIN_REFUSAL }, { status: 403, headers: { "cache-control": "no-store" } });
}
