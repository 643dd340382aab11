import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { CROSS_ORIGIN_REFUSAL, fromOwnOrigin } from "@/lib/http/origin";
import {
  contentSecurityPolicy,
  cspSettings,
  HSTS,
  newNonce,
  SHARE_EMBED,
  servedOverHttps,
} from "@/lib/http/security-headers";
import nextConfig from "../../next.config.js";
import { proxy, config as proxyConfig } from "../../proxy";
import { makeUser } from "../helpers/factories";

// Issue 10, item 8: the security headers of pages and route handlers, and the Origin rule of
// the state-changing route handlers.

const signedIn: { userId: string | null } = { userId: null };
vi.mock("@/lib/auth/index", () => ({ auth: async () => (signedIn.userId ? { user: { id: signedIn.userId } } : null) }));
const { teamRoute } = await import("@/lib/auth/guards");

beforeEach(() => {
  signedIn.userId = null;
});

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

const base = { nonce: "abc123==", dev: false, uploadthing: false, oauthHosts: [] };

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the nonce, and nothing frame the app", () => {
    const d = directives(contentSecurityPolicy(base));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["img-src"]).toEqual(["'self'", "blob:", "data:"]);
    expect(d["media-src"]).toEqual(["'self'", "blob:", "data:"]);
    expect(d["connect-src"]).toEqual(["'self'"]);
    expect(d["font-src"]).toEqual(["'self'", "data:"]);
    expect(JSON.stringify(d)).not.toMatch(/unsafe-eval|\*'|https:"/);
  });

  it("allows eval in development only", () => {
    expect(directives(contentSecurityPolicy({ ...base, dev: true }))["script-src"]).toContain("'unsafe-eval'");
    const prod = cspSettings(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }));
    expect(prod.dev).toBe(false);
    expect(cspSettings(parseEnv({ NODE_ENV: "development" })).dev).toBe(true);
  });

  it("adds UploadThing's file and ingest hosts only when its token is set", () => {
    expect(cspSettings(parseEnv({})).uploadthing).toBe(false);
    const settings = cspSettings(parseEnv({ UPLOADTHING_TOKEN: "token" }));
    const d = directives(contentSecurityPolicy({ ...settings, nonce: "n" }));
    expect(d["img-src"]).toEqual(["'self'", "blob:", "data:", "https://utfs.io", "https://*.ufs.sh"]);
    expect(d["media-src"]).toEqual(d["img-src"]);
    expect(d["connect-src"]).toEqual(["'self'", "https://*.ingest.uploadthing.com"]);
  });

  it("lets the sign-in form's POST go on to the configured OAuth providers' authorize pages", () => {
    const none = cspSettings(parseEnv({}));
    expect(none.oauthHosts).toEqual([]);
    const both = cspSettings(
      parseEnv({ AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b", AUTH_GOOGLE_ID: "c", AUTH_GOOGLE_SECRET: "d" }),
    );
    expect(directives(contentSecurityPolicy({ ...both, nonce: "n" }))["form-action"]).toEqual([
      "'self'",
      "https://github.com",
      "https://accounts.google.com",
    ]);
  });

  it("gets a fresh 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("sends HSTS only for https (the TLS proxy's word, the request, or an https APP_URL)", () => {
    const h = (proto?: string) => new Headers(proto ? { "x-forwarded-proto": proto } : {});
    expect(servedOverHttps(h("https"), "http://internal:3000/", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps(h("https,http"), "http://internal:3000/", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps(h(), "https://studio.example/", "http://localhost:3000")).toBe(true);
    expect(servedOverHttps(h("http"), "http://studio.example/", "https://studio.example")).toBe(true);
    expect(servedOverHttps(h("http"), "http://localhost:3000/", "http://localhost:3000")).toBe(false);
    expect(servedOverHttps(h(), "http://localhost:3000/", "http://localhost:3000")).toBe(false);
  });
});

describe("proxy.ts", () => {
  const run = (path: string, cookie?: string) =>
    proxy(
      new NextRequest(`http://localhost:3000${path}`, {
        headers: cookie ? { cookie: `${cookie}=x` } : {},
      }),
    );

  it("runs for every page, never for route handlers or build assets", () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });
    for (const page of ["/", "/sign-in", "/sign-up", "/app", "/t/acme", "/t/acme/media/x", "/teams/new", "/invite/x"])
      expect(matches(page), page).toBe(true);
    for (const other of ["/api/t/acme/uploads", "/api/auth/session", "/_next/static/chunks/a.js", "/favicon.ico"])
      expect(matches(other), other).toBe(false);
  });

  it("puts a new nonce CSP on the response and on the request Next renders with", () => {
    const a = run("/sign-in");
    const b = run("/sign-in");
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    // NextResponse.next({ request: { headers } }) hands the overridden request headers on like this.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("keeps the signed-out redirect of the signed-in areas, with the CSP too", () => {
    for (const path of ["/app", "/t/acme/create", "/teams/new"]) {
      const res = run(path);
      expect(res.status, path).toBe(307);
      expect(new URL(res.headers.get("location") ?? "").searchParams.get("callbackUrl")).toBe(path);
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    }
    expect(run("/sign-in").headers.get("location")).toBeNull();
    expect(run("/apps").headers.get("location")).toBeNull();
    const inTeam = run("/t/acme/create", "authjs.session-token");
    expect(inTeam.headers.get("location")).toBeNull();
    expect(inTeam.cookies.get("last_team")?.value).toBe("acme");
  });

  it("sends HSTS on pages reached over https", () => {
    const res = proxy(new NextRequest("http://localhost:3000/", { headers: { "x-forwarded-proto": "https" } }));
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
  });
});

describe("next.config.js headers", () => {
  const get = async (url: string, headers: Record<string, string> = {}) =>
    (await unstable_getResponseFromNextConfig({ url, nextConfig, headers })).headers;

  it("gives every response nosniff, a referrer policy, a permissions policy and no framing", async () => {
    for (const url of ["http://localhost:3000/", "http://localhost:3000/api/t/acme/uploads"]) {
      const h = await get(url);
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("permissions-policy")).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
      expect(h.get("permissions-policy")).not.toMatch(/fullscreen/);
      expect(h.get("x-frame-options")).toBe("DENY");
    }
  });

  it("lets other sites frame a shared link's player and nothing else", async () => {
    expect((await get("http://localhost:3000/s/AbC_d-123/embed")).get("x-frame-options")).toBeNull();
    for (const url of [
      "http://localhost:3000/s/AbC_d-123",
      "http://localhost:3000/s/AbC_d-123/video",
      "http://localhost:3000/s/a/b/embed",
      "http://localhost:3000/t/acme/embed",
      "http://localhost:3000/s/AbC_d-123/embed/x",
    ])
      expect((await get(url)).get("x-frame-options"), url).toBe("DENY");
    const csp = (frameable: boolean) =>
      directives(contentSecurityPolicy({ nonce: "n", dev: false, uploadthing: false, oauthHosts: [], frameable }));
    expect(csp(true)["frame-ancestors"]).toEqual(["*"]);
    expect(csp(false)["frame-ancestors"]).toEqual(["'none'"]);
    expect(SHARE_EMBED.test("/s/AbC_d-123/embed")).toBe(true);
    expect(SHARE_EMBED.test("/s/AbC_d-123/embed/x")).toBe(false);
    expect(SHARE_EMBED.test("/t/acme/s/x/embed")).toBe(false);
  });

  it("gives route handlers a CSP that runs nothing, and HSTS behind https; pages get theirs from the proxy", async () => {
    const api = await get("http://localhost:3000/api/t/acme/media/status");
    expect(directives(api.get("content-security-policy") ?? "")).toMatchObject({
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
    expect(api.get("strict-transport-security")).toBeNull();
    expect(
      (await get("http://localhost:3000/api/x", { "x-forwarded-proto": "https" })).get("strict-transport-security"),
    ).toBe(HSTS);
    const page = await get("http://localhost:3000/t/acme", { "x-forwarded-proto": "https" });
    expect(page.get("content-security-policy")).toBeNull();
    expect(page.get("strict-transport-security")).toBeNull();
  });
});

describe("the Origin rule of state-changing route handlers", () => {
  const APP = "https://studio.example.com";
  const allowed = (method: string, headers: Record<string, string>) => fromOwnOrigin(method, new Headers(headers), APP);
  const host = { host: "studio.example.com" };

  it("refuses other sites, null and look-alikes", () => {
    for (const origin of [
      "https://evil.example",
      "null",
      "https://studio.example.com.evil.com",
      "https://evil.com/studio.example.com",
      "https://studio.example.com@evil.com",
      "https://app.studio.example.com",
      "https://example.com",
      "http://studio.example.com:8080",
      "https://studio.example.com/",
      "https://studio.example.com.",
      "file://",
      "",
      "studio.example.com",
    ])
      for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"])
        expect(allowed(method, { ...host, origin }), `${method} ${origin}`).toBe(false);
  });

  it("accepts the app's own origin: APP_URL, or the host the request was sent to", () => {
    expect(allowed("POST", { ...host, origin: APP })).toBe(true);
    expect(allowed("POST", { host: "internal:3000", origin: APP })).toBe(true);
    expect(allowed("POST", { host: "studio-git-x.vercel.app", origin: "https://studio-git-x.vercel.app" })).toBe(true);
    expect(allowed("POST", { host: "localhost:3000", origin: "http://localhost:3000" })).toBe(true);
    expect(
      allowed("DELETE", { host: "internal", "x-forwarded-host": "preview.example", origin: "https://preview.example" }),
    ).toBe(true);
    expect(allowed("POST", { host: "localhost:3000", origin: "http://localhost:3001" })).toBe(false);
  });

  it("without Origin, refuses what the browser calls cross-site and lets other clients through", () => {
    expect(allowed("POST", { ...host, "sec-fetch-site": "cross-site" })).toBe(false);
    expect(allowed("POST", { ...host, "sec-fetch-site": "same-site" })).toBe(false);
    expect(allowed("POST", { ...host, "sec-fetch-site": "same-origin" })).toBe(true);
    expect(allowed("POST", { ...host, "sec-fetch-site": "none" })).toBe(true);
    expect(allowed("POST", host)).toBe(true);
  });

  it("never stands in the way of reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(allowed(method, { ...host, origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(true);
  });
});

describe("teamRoute", () => {
  const ran: string[] = [];
  const route = teamRoute<{ team: string }>("member", async (request) => {
    ran.push(request.method);
    return Response.json({ ok: true });
  });
  const call = (team: string, method: string, headers: Record<string, string>) =>
    route(new Request("http://localhost:3000/api/t/x/uploads", { method, headers }), {
      params: Promise.resolve({ team }),
    });

  it("refuses a cross-site state change with a 403 before the handler runs, even for a member", async () => {
    const { user, team } = await makeUser("Owner");
    signedIn.userId = user.id;
    ran.length = 0;
    const refused = await call(team.slug, "POST", { host: "localhost:3000", origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: CROSS_ORIGIN_REFUSAL });
    const noOrigin = await call(team.slug, "DELETE", { host: "localhost:3000", "sec-fetch-site": "cross-site" });
    expect(noOrigin.status).toBe(403);
    expect(ran).toEqual([]);

    expect((await call(team.slug, "POST", { host: "localhost:3000", origin: "http://localhost:3000" })).status).toBe(
      200,
    );
    expect((await call(team.slug, "GET", { host: "localhost:3000", origin: "https://evil.example" })).status).toBe(200);
    expect(ran).toEqual(["POST", "GET"]);
  });
});
