import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import {
  contentSecurityPolicy,
  cspSettings,
  HSTS,
  newNonce,
  SHARE_EMBED,
  servedOverHttps,
} from "@/lib/http/security-headers";

// Every page gets its Content-Security-Policy here, with a nonce made for this request: set on the
// request too, so Next puts the nonce on its own scripts and the root layout can hand it to the
// theme script. Also an early redirect for visitors with no session cookie on the signed-in areas,
// and a note of the last team opened; those are conveniences only: every page, action and route
// checks the session itself.

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = /^\/(app$|t(\/|$)|teams(\/|$))/;

function signedOutRedirect(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (!SIGNED_IN_AREAS.test(pathname) || SESSION_COOKIES.some((c) => request.cookies.has(c))) return null;
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(url);
}

export function proxy(request: NextRequest) {
  const e = env();
  const nonce = newNonce();
  const frameable = SHARE_EMBED.test(request.nextUrl.pathname);
  const csp = contentSecurityPolicy({ ...cspSettings(e), nonce, frameable });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);

  const redirect = signedOutRedirect(request);
  const response = redirect ?? NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (servedOverHttps(request.headers, request.url, e.APP_URL)) response.headers.set("strict-transport-security", HSTS);
  const team = /^\/t\/([^/]+)/.exec(request.nextUrl.pathname)?.[1];
  if (team && !redirect)
    response.cookies.set("last_team", team, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  return response;
}

// Pages only. Route handlers (/api) get their headers from next.config.js: with a proxy in front,
// Next would buffer every request body (uploads included) in memory before the handler counts it.
// Build assets and the icon carry no HTML.
export const config = { matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico|icon\\.svg).*)"] };
