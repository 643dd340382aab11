import type { Env } from "@/lib/env";

// The Content-Security-Policy of every page, and when HSTS is sent. proxy.ts calls this once per
// request: scripts run only with that request's nonce ('strict-dynamic' lets them load the chunks
// they import), so an injected <script> or event handler never runs. Images and media come only
// from the app and the configured file host; nothing may frame the app. The headers that never
// change (nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options) are in next.config.js,
// which covers /api responses too; the proxy does not run there (it would buffer upload bodies).

export type CspOptions = {
  nonce: string;
  /** React needs eval in development for its error overlays; never in production. */
  dev: boolean;
  /** Files live on UploadThing: its file hosts serve images and videos, its ingest hosts take uploads. */
  uploadthing: boolean;
  /** Sign-in with these providers redirects the sign-in form's POST to their authorize pages. */
  oauthHosts: string[];
  /** Anyone may frame it: only a shared link's embeddable player (SHARE_EMBED). */
  frameable?: boolean;
};

/** The one page other sites may frame: a shared link's player, for link previews. */
export const SHARE_EMBED = /^\/s\/[^/]+\/embed$/;

// Where UploadThing v7 serves files (<appId>.ufs.sh, and utfs.io for older links) and where the
// browser PUTs them (<region>.ingest.uploadthing.com, from the presigned URLs).
const UPLOADTHING_FILES = ["https://utfs.io", "https://*.ufs.sh"];
const UPLOADTHING_INGEST = ["https://*.ingest.uploadthing.com"];

const OAUTH_AUTHORIZE = { github: "https://github.com", google: "https://accounts.google.com" };

export function contentSecurityPolicy(o: CspOptions): string {
  const files = ["'self'", "blob:", "data:", ...(o.uploadthing ? UPLOADTHING_FILES : [])];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'", ...(o.dev ? ["'unsafe-eval'"] : [])],
    // Radix and the theme switch set style attributes; styles cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", ...files],
    ["media-src", ...files],
    ["connect-src", "'self'", ...(o.uploadthing ? UPLOADTHING_INGEST : [])],
    ["font-src", "'self'", "data:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...o.oauthHosts],
    ["frame-ancestors", o.frameable ? "*" : "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The settings the policy depends on, from the validated environment. */
export function cspSettings(e: Env): Omit<CspOptions, "nonce"> {
  return {
    dev: e.NODE_ENV === "development",
    uploadthing: Boolean(e.UPLOADTHING_TOKEN),
    oauthHosts: [
      ...(e.AUTH_GITHUB_ID ? [OAUTH_AUTHORIZE.github] : []),
      ...(e.AUTH_GOOGLE_ID ? [OAUTH_AUTHORIZE.google] : []),
    ],
  };
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Whether HSTS is sent: the TLS proxy in front says the request was https (Vercel always sets
 * x-forwarded-proto), the request itself was, or the app's public address is https (a browser
 * ignores HSTS on a plain-http answer, so the last never pins a host that has no TLS).
 */
export function servedOverHttps(headers: Headers, requestUrl: string, appUrl: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || requestUrl.startsWith("https:") || appUrl.startsWith("https:");
}

/** Two years; subdomains included, no preload (that is a promise to a browser vendor, made by hand). */
export const HSTS = "max-age=63072000; includeSubDomains";
