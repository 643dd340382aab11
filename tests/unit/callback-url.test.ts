import { beforeEach, describe, expect, it, vi } from "vitest";
import { callbackUrlParam, safeCallbackUrl } from "@/lib/auth/schemas";

// Where a visitor lands after signing in: a path on the app, or the fallback. The origin is
// passed explicitly so nothing here depends on the environment.

const ORIGIN = "http://studio.test";
const FALLBACK = "/fallback";
const safe = (value: unknown, origin = ORIGIN) => safeCallbackUrl(value, FALLBACK, origin);

/** What a Location header may carry: printable ASCII, one leading "/", never "//" or "\". */
const HEADER_SAFE = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

const tricks: unknown[] = [
  // Another host, by scheme-relative URL, backslash or a character the browser drops.
  "//evil.example",
  "//evil.example/t/team",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/%09/evil.example",
  decodeURIComponent("/%09/evil.example"),
  "/%0a/evil.example",
  "/%0d/evil.example",
  "/%00/evil.example",
  "/%5C/evil.example",
  "/%5c%5cevil.example",
  "/%2F%2Fevil.example",
  decodeURIComponent("/%2F%2Fevil.example"),
  "/%2f/evil.example",
  "/.//evil.example",
  "/./%2F/evil.example",
  "/%2e%2e//evil.example",
  "/x/..//evil.example",
  // Absolute URLs elsewhere, and schemes that run code.
  "https://evil.example",
  "https://evil.example/t/team",
  "https:evil.example",
  "http://evil.example",
  "https:/evil.example",
  "HTTPS://evil.example",
  "http://studio.test@evil.example/",
  "http://studio.test.evil.example/",
  "http://studio.test:8080/t/team",
  "https://studio.test/t/team",
  "ftp://studio.test/t/team",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,x",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  // Whitespace the parser would strip before anyone saw it.
  " /x",
  "   /x",
  " //evil.example",
  "\t//evil.example",
  "/x ",
  "/x\n",
  "\u0000/x",
  // Newline, carriage return, NUL or other control characters anywhere.
  "/t/team\n",
  "/t/team\r\nSet-Cookie: a=b",
  "/t/team?x=1\n",
  "/t/team#y\r",
  "/t/\u0000team",
  "/t/team?x=\u0000",
  "/t/team\u007f",
  "/t/team\u0085",
  "/t/%0d%0aSet-Cookie:%20a=b",
  // Malformed percent-encoding.
  "/%E0%A4%A",
  "/%",
  // Empty, too long, not a string.
  "",
  `/${"a".repeat(5000)}`,
  `/t/team?x=${"%E6%97%A5".repeat(1000)}`,
  undefined,
  null,
  42,
  true,
  {},
  ["/t/team"],
  { toString: () => "/t/team" },
  new URL("http://studio.test/t/team"),
];

describe("safeCallbackUrl: tricks fall back", () => {
  // One test for the whole corpus (each test here pays for a database wipe); soft so every miss shows.
  it("every trick in the corpus", () => {
    for (const value of tricks) expect.soft(safe(value), JSON.stringify(String(value)).slice(0, 80)).toBe(FALLBACK);
  });

  it("falls back for a File from FormData", () => {
    const form = new FormData();
    form.set("callbackUrl", new Blob(["/t/team"]), "x.txt");
    expect(safe(form.get("callbackUrl"))).toBe(FALLBACK);
  });

  it("falls back when the origin it is given is not a URL", () => {
    expect(safeCallbackUrl("/t/team", FALLBACK, "not a url")).toBe(FALLBACK);
  });

  it("defaults to /app", () => {
    expect(safeCallbackUrl("//evil.example", undefined, ORIGIN)).toBe("/app");
  });
});

describe("safeCallbackUrl: paths on the app are kept", () => {
  const good: [string, string][] = [
    ["/t/team", "/t/team"],
    ["/t/team/media/abc?x=1#y", "/t/team/media/abc?x=1#y"],
    ["/invite/token", "/invite/token"],
    ["/app", "/app"],
    ["/", "/"],
    [
      "/t/my-team/create?remix=7d1c2a3e-0000-4000-8000-000000000000",
      "/t/my-team/create?remix=7d1c2a3e-0000-4000-8000-000000000000",
    ],
    ["/t/a%20b", "/t/a%20b"],
    ["/t/team?next=%2F%2Fevil.example", "/t/team?next=%2F%2Fevil.example"],
    // Absolute URLs on the app's own origin become paths.
    ["http://studio.test/t/team?x=1", "/t/team?x=1"],
    ["HTTP://STUDIO.TEST/t/team", "/t/team"],
    ["http://studio.test:80/t/team", "/t/team"],
    // Same-scheme shorthands stay on the app (the parser reads them as paths).
    ["http:/evil.example", "/evil.example"],
    ["http:evil.example", "/evil.example"],
    // Dot segments are resolved.
    ["/t/x/../team", "/t/team"],
  ];
  it("every good one in the corpus", () => {
    for (const [value, expected] of good) expect.soft(safe(value), value).toBe(expected);
  });

  it("percent-encodes anything non-ASCII", () => {
    expect(safe("/é")).toBe("/%C3%A9");
    expect(safe("/日本")).toBe("/%E6%97%A5%E6%9C%AC");
    expect(safe("/t/team?q=日本#é")).toBe("/t/team?q=%E6%97%A5%E6%9C%AC#%C3%A9");
    expect(safe("/t/\u{1F600}")).toBe("/t/%F0%9F%98%80");
    expect(safe("/t/\ud800")).toBe("/t/%EF%BF%BD");
    expect(safe('/t/a b"<>`{}')).toBe("/t/a%20b%22%3C%3E%60%7B%7D");
  });

  it("compares origins by the app's URL, whatever its path", () => {
    expect(safe("https://studio.test/t/team", "https://studio.test/base/")).toBe("/t/team");
    expect(safe("http://studio.test/t/team", "https://studio.test")).toBe(FALLBACK);
    // On an https app the https shorthand is a path on the app, never another host.
    expect(safe("https:evil.example", "https://studio.test")).toBe("/evil.example");
  });
});

describe("safeCallbackUrl: whatever comes in, what comes out is safe in a Location header", () => {
  const samples = [
    ...tricks.filter((t): t is string => typeof t === "string"),
    "/t/team/media/abc?x=1#y",
    "/é",
    "/日本",
    "/t/team?x=\u2028#\u2029",
    "/t/\u200e\u202eteam",
    "/t/%C2%85",
    "/t/team?x=%0A",
  ];
  // Every single character in the first 0x3000 code points, in three positions.
  for (let c = 0; c < 0x3000; c++) {
    const ch = String.fromCharCode(c);
    samples.push(`${ch}/x`, `/${ch}/x`, `/x?${ch}#${ch}`, `/${ch}${ch}evil.example`);
  }
  it("is the fallback or a header-safe path on the app", () => {
    for (const value of samples) {
      const out = safe(value);
      if (out === FALLBACK) continue;
      expect(out, JSON.stringify(value)).toMatch(HEADER_SAFE);
      const resolved = new URL(out, "https://elsewhere.example/some/page");
      expect(resolved.origin, JSON.stringify(value)).toBe("https://elsewhere.example");
      expect(() => new Headers({ Location: out })).not.toThrow();
    }
  });
});

describe("callbackUrlParam (the sign-in and sign-up pages' hidden input)", () => {
  it("keeps a good path and drops anything else", () => {
    expect(callbackUrlParam("/t/team", ORIGIN)).toBe("/t/team");
    expect(callbackUrlParam("/\t/evil.example", ORIGIN)).toBeUndefined();
    expect(callbackUrlParam("", ORIGIN)).toBeUndefined();
    expect(callbackUrlParam(["/t/a", "/t/b"], ORIGIN)).toBeUndefined();
    expect(callbackUrlParam(undefined, ORIGIN)).toBeUndefined();
  });
});

// The pages themselves, with the session, the forms and next/navigation stubbed.

const page = vi.hoisted(() => ({ user: null as null | { id: string }, redirects: [] as string[] }));

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => page.user }));
vi.mock("@/lib/auth", () => ({ enabledProviders: () => ({ github: false, google: false, email: false }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    // Next turns this into a Location header; a header it could not carry would be a 500.
    new Headers({ Location: to });
    page.redirects.push(to);
    throw new Error("NEXT_REDIRECT");
  },
}));
vi.mock("@/components/auth/sign-in-form", () => ({ SignInForm: () => null }));
vi.mock("@/components/auth/sign-up-form", () => ({ SignUpForm: () => null }));

type PageFn = (props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) => Promise<{ props: Record<string, unknown> }>;

const weird = [
  "/%09/evil.example",
  "/\t/evil.example",
  "//evil.example",
  "https://evil.example",
  "/\n",
  "/x\r\nSet-Cookie: a=b",
  "/\u0000",
  "/日本",
  "/é",
  "\ud800",
  `/${"x".repeat(10_000)}`,
  "javascript:alert(1)",
];

describe.each([
  ["sign-in", () => import("@/app/(auth)/sign-in/page")],
  ["sign-up", () => import("@/app/(auth)/sign-up/page")],
])("the %s page", (_name, load) => {
  beforeEach(() => {
    page.user = null;
    page.redirects = [];
  });

  const render = async (callbackUrl: string | string[] | undefined) => {
    const Page = (await load()).default as unknown as PageFn;
    return Page({ searchParams: Promise.resolve({ callbackUrl }) });
  };

  it("renders a weird callbackUrl as a safe hidden value or none", async () => {
    for (const value of weird) {
      const cb = (await render(value)).props.callbackUrl;
      if (cb === undefined) continue;
      expect.soft(cb, JSON.stringify(value).slice(0, 60)).toMatch(HEADER_SAFE);
      expect.soft(cb, JSON.stringify(value).slice(0, 60)).not.toContain("evil.example");
    }
  });

  it("passes a good path through", async () => {
    expect((await render("/t/team/media/abc?x=1#y")).props.callbackUrl).toBe("/t/team/media/abc?x=1#y");
    expect((await render(undefined)).props.callbackUrl).toBeUndefined();
    expect((await render(["/t/a", "/t/b"])).props.callbackUrl).toBeUndefined();
  });

  it("sends a signed-in visitor to a safe place, never a 500", async () => {
    page.user = { id: "u1" };
    for (const value of weird) await expect(render(value)).rejects.toThrow("NEXT_REDIRECT");
    expect(page.redirects.length).toBe(weird.length);
    for (const to of page.redirects) expect(to === "/app" || HEADER_SAFE.test(to)).toBe(true);
    expect(page.redirects.filter((to) => to !== "/app")).toEqual(["/%E6%97%A5%E6%9C%AC", "/%C3%A9", "/%EF%BF%BD"]);
    page.redirects = [];
    await expect(render("/t/team")).rejects.toThrow("NEXT_REDIRECT");
    expect(page.redirects).toEqual(["/t/team"]);
  });
});
