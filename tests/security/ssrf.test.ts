import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkedLookup, PrivateAddressError, type ResolveAll } from "@/lib/http/checked-lookup";
import { type GuardedOptions, guardedFetch } from "@/lib/http/guarded-fetch";
import { guardedPosterFetch } from "@/lib/media/copies";
import { readRemoteFile } from "@/lib/uploads/remote-check";

// The SSRF corpus against a real listener on this machine: every way of naming it is refused
// before a byte reaches it; what is trusted (an allowed origin, a public-resolving name) is read
// with its size and time capped, and cannot redirect its way back in.

// The configuration the poster copier reads, set per test (everything else as configured).
const settings: { APP_URL?: string; VIMMERSE_API_KEY?: string } = {};
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return { ...real, env: () => ({ ...real.env(), ...settings }) };
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

let inside: Awaited<ReturnType<typeof listen>>;
let front: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  // The private service an attacker wants read.
  inside = await listen((_req, res) => res.end("secret"));
  // A server the fetcher is allowed to reach, whose answers are hostile.
  front = await listen((req, res) => {
    const port = inside.port;
    if (req.url === "/to-inside") return void res.writeHead(302, { location: `http://127.0.0.1:${port}/` }).end();
    if (req.url === "/to-inside-v6")
      return void res.writeHead(307, { location: `http://[::ffff:7f00:1]:${port}/` }).end();
    if (req.url === "/to-localhost") return void res.writeHead(301, { location: `http://localhost:${port}/` }).end();
    if (req.url === "/to-name") return void res.writeHead(303, { location: `http://inside.example:${port}/` }).end();
    if (req.url === "/to-file") return void res.writeHead(302, { location: "file:///etc/passwd" }).end();
    if (req.url === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
    if (req.url === "/to-ok") return void res.writeHead(302, { location: "/ok" }).end();
    if (req.url === "/ok") return void res.writeHead(200, { "content-type": "image/png; x=1" }).end("fine");
    if (req.url === "/chunked") {
      // No Content-Length: chunks keep coming until the reader stops.
      res.writeHead(200, { "content-type": "image/png" });
      const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024, 1)), 1);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (req.url === "/declared") return void res.writeHead(200, { "content-length": "999999" }).end();
    if (req.url === "/slow") {
      res.writeHead(200);
      res.write("a");
      return; // Never ends.
    }
    res.writeHead(404).end();
  });
});

afterAll(() => {
  inside.server.closeAllConnections();
  front.server.closeAllConnections();
  inside.server.close();
  front.server.close();
});

beforeEach(() => {
  inside.hits.length = 0;
  front.hits.length = 0;
});

const opts = (more: Partial<GuardedOptions> = {}): GuardedOptions => ({ maxBytes: 1024, timeoutMs: 3_000, ...more });
const frontOrigin = () => `http://127.0.0.1:${front.port}`;

/** DNS for invented names: each resolves to what the test says. */
const fakeDns =
  (answers: Record<string, string[]>): ResolveAll =>
  async (hostname) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("guardedFetch refuses every name for a private address", () => {
  const forms = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://LOCALHOST.:${port}/`,
    `http://app.localhost:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://%31%32%37.0.0.1:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${port}/`,
    `http://[::127.0.0.1]:${port}/`,
    `http://[64:ff9b::7f00:1]:${port}/`,
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    `https://127.0.0.1:${port}/`,
  ];

  it("refuses each IP literal and this machine's names before connecting", async () => {
    for (const url of forms(inside.port)) {
      expect({ url, r: await guardedFetch(url, opts()) }).toMatchObject({
        url,
        r: { ok: false, reason: "private-address" },
      });
    }
    expect(inside.hits).toEqual([]);
  });

  it("refuses a name whose DNS answer is private, including when only one of its answers is", async () => {
    const resolve = fakeDns({
      "inside.example": ["127.0.0.1"],
      "metadata.example": ["169.254.169.254"],
      "rebind.example": ["93.184.216.34", "127.0.0.1"],
      "v6.example": ["::1"],
      "mapped.example": ["::ffff:127.0.0.1"],
    });
    for (const host of ["inside.example", "metadata.example", "rebind.example", "v6.example", "mapped.example"]) {
      const r = await guardedFetch(`http://${host}:${inside.port}/`, opts({ resolve }));
      expect({ host, r }).toMatchObject({ host, r: { ok: false, reason: "private-address" } });
    }
    expect(inside.hits).toEqual([]);
  });

  it("refuses any scheme but http(s), and what does not parse", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/a", "data:text/plain,hi", "gopher://127.0.0.1:70/"]) {
      expect(await guardedFetch(url, opts())).toMatchObject({ ok: false, reason: "bad-scheme" });
    }
    expect(await guardedFetch("not a url", opts())).toMatchObject({ ok: false, reason: "bad-url" });
  });
});

describe("guardedFetch on a server it may reach", () => {
  const allow = () => opts({ allowOrigins: [frontOrigin()] });

  it("reads an allowed origin, following a redirect that stays there", async () => {
    const r = await guardedFetch(`${frontOrigin()}/to-ok`, allow());
    expect(r).toMatchObject({ ok: true, status: 200, contentType: "image/png", url: `${frontOrigin()}/ok` });
    if (r.ok) expect(new TextDecoder().decode(r.bytes)).toBe("fine");
  });

  it("refuses a redirect from an allowed server to the private one, by any name", async () => {
    for (const path of ["/to-inside", "/to-inside-v6", "/to-localhost"]) {
      const r = await guardedFetch(`${frontOrigin()}${path}`, allow());
      expect({ path, r }).toMatchObject({ path, r: { ok: false, reason: "private-address" } });
    }
    expect(await guardedFetch(`${frontOrigin()}/to-file`, allow())).toMatchObject({ ok: false, reason: "bad-scheme" });
    expect(inside.hits).toEqual([]);
  });

  it("checks the DNS answer of every hop: a redirect to a name that resolves privately is refused", async () => {
    const r = await guardedFetch(
      `${frontOrigin()}/to-name`,
      opts({ allowOrigins: [frontOrigin()], resolve: fakeDns({ "inside.example": ["127.0.0.1"] }) }),
    );
    expect(r).toMatchObject({ ok: false, reason: "private-address", url: `http://inside.example:${inside.port}/` });
    expect(front.hits).toContain("/to-name");
    expect(inside.hits).toEqual([]);
  });

  it("stops after the redirect cap", async () => {
    const r = await guardedFetch(`${frontOrigin()}/loop`, opts({ allowOrigins: [frontOrigin()], maxRedirects: 3 }));
    expect(r).toMatchObject({ ok: false, reason: "too-many-redirects" });
    expect(front.hits.filter((h) => h === "/loop").length).toBeGreaterThanOrEqual(4);
  });

  it("stops a chunked body at the byte cap, and refuses a declared length over it", async () => {
    const started = Date.now();
    expect(await guardedFetch(`${frontOrigin()}/chunked`, allow())).toMatchObject({ ok: false, reason: "too-large" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await guardedFetch(`${frontOrigin()}/declared`, allow())).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("gives up on a slow server at the deadline", async () => {
    const started = Date.now();
    const r = await guardedFetch(`${frontOrigin()}/slow`, opts({ allowOrigins: [frontOrigin()], timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("calls an error status what it is", async () => {
    expect(await guardedFetch(`${frontOrigin()}/missing`, allow())).toMatchObject({
      ok: false,
      reason: "bad-status",
      status: 404,
    });
  });
});

describe("checkedLookup (where names are resolved for a connection)", () => {
  const lookup = (names: Record<string, string[]>, host: string, options: object) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      checkedLookup(fakeDns(names))(host, options, (err, address, family) => resolve({ err, address, family })),
    );

  it("hands a public answer to the socket, in either form it asks for", async () => {
    const names = { "public.example": ["93.184.216.34", "2606:2800:220:1::1"] };
    expect(await lookup(names, "public.example", {})).toEqual({ err: null, address: "93.184.216.34", family: 4 });
    expect(await lookup(names, "public.example", { family: 6 })).toEqual({
      err: null,
      address: "2606:2800:220:1::1",
      family: 6,
    });
    expect(await lookup(names, "public.example", { all: true })).toMatchObject({
      err: null,
      address: [{ address: "93.184.216.34" }, { address: "2606:2800:220:1::1" }],
    });
  });

  it("refuses the whole name when one answer is private", async () => {
    const r = await lookup({ "mixed.example": ["93.184.216.34", "10.0.0.5"] }, "mixed.example", { all: true });
    expect(r.err).toBeInstanceOf(PrivateAddressError);
  });
});

describe("readRemoteFile (an uploaded file read back) goes through the guarded fetcher", () => {
  it("refuses a private address and never reaches it", async () => {
    for (const url of [`http://127.0.0.1:${inside.port}/f`, `http://[::ffff:7f00:1]:${inside.port}/f`]) {
      expect(await readRemoteFile(url)).toEqual({ ok: false, reason: "unreachable" });
    }
    expect(inside.hits).toEqual([]);
  });
});

describe("copies of finished videos fetch posters through the guarded fetcher", () => {
  it("with a Vimmerse key, trusts no private origin at all", async () => {
    Object.assign(settings, { VIMMERSE_API_KEY: "vmk-real", APP_URL: `http://127.0.0.1:${inside.port}` });
    await expect(guardedPosterFetch(`http://127.0.0.1:${inside.port}/poster.jpg`)).rejects.toThrow(/private-address/);
    expect(inside.hits).toEqual([]);
  });

  it("with the sandbox standing in, reads the app's own origin and nothing else private", async () => {
    Object.assign(settings, { VIMMERSE_API_KEY: undefined, APP_URL: `http://127.0.0.1:${inside.port}` });
    const res = await guardedPosterFetch(`http://127.0.0.1:${inside.port}/api/sandbox/files/p.jpg`);
    expect(await res.text()).toBe("secret");
    expect(inside.hits).toEqual(["/api/sandbox/files/p.jpg"]);
    await expect(guardedPosterFetch(`http://127.0.0.1:${front.port}/ok`)).rejects.toThrow(/private-address/);
    await expect(guardedPosterFetch("http://169.254.169.254/latest/meta-data/")).rejects.toThrow(/private-address/);
    expect(front.hits).toEqual([]);
  });
});
