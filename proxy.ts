import { type NextRequest, NextResponse } from "next/server";

// An early redirect for visitors with no session cookie, and a note of the last team opened.
// It is a convenience only: every page, action and route checks the session itself.

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = SESSION_COOKIES.some((c) => request.cookies.has(c));
  if (!signedIn) {
    const url = new URL("/sign-in", request.url);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  const response = NextResponse.next();
  const team = /^\/t\/([^/]+)/.exec(pathname)?.[1];
  if (team)
    response.cookies.set("last_team", team, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  return response;
}

export const config = { matcher: ["/app", "/t/:path*", "/teams/:path*"] };
