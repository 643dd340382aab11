import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shareLinks } from "@/db/library-schema";
import { media, mediaAssets } from "@/db/media-schema";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";
import { createParallax, type Env, formOf, makeEnv, world } from "../helpers/harness";

// Share links: the team's side through its real doors (actions), the public side through its
// real routes. A link exposes one media's stored copy and nothing else of the team.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());

const actions = await import("@/app/(app)/t/[team]/media/[id]/share-actions");
const pageRoute = await import("@/app/s/[token]/route");
const videoRoute = await import("@/app/s/[token]/video/route");
const posterRoute = await import("@/app/s/[token]/poster/route");
const embedRoute = await import("@/app/s/[token]/embed/route");
const { loadShareView } = await import("@/lib/share/manage");

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
  world.client = env.client;
  world.storage = env.storage;
  world.userId = null;
});
afterEach(async () => {
  await env.sandbox.stopWorker();
});

const BASE = "http://localhost:3000";
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });
const page = (token: string, headers: Record<string, string> = {}) =>
  pageRoute.GET(get(`/s/${token}`, headers), ctx(token));
const video = (token: string, headers: Record<string, string> = {}, q = "") =>
  videoRoute.GET(get(`/s/${token}/video${q}`, headers), ctx(token));
const tokenOf = (url: string) => url.split("/s/")[1]!;

async function finished(title = "Sunset") {
  const alice = await makeUser("Alice");
  const who = { teamId: alice.team.id, userId: alice.user.id };
  const id = await createParallax(env, who, { title });
  await env.sandbox.drain();
  await env.settle();
  return { ...alice, id };
}

async function share(slug: string, mediaId: string, fields: Record<string, string> = {}) {
  const r = await actions.createShareLinkAction({}, formOf({ team: slug, mediaId, expiry: "none", ...fields }));
  if (!r.ok || !r.url) throw new Error(`share failed: ${JSON.stringify(r)}`);
  return tokenOf(r.url);
}

const links = () => db().select().from(shareLinks);

describe("the team's side", () => {
  it("creates, lists and revokes links; only the token's hash is stored", async () => {
    const a = await finished();
    world.userId = a.user.id;
    const r = await actions.createShareLinkAction(
      {},
      formOf({ team: a.team.slug, mediaId: a.id, expiry: "7d", password: "open sesame", allowDownload: "on" }),
    );
    expect(r.ok).toBe(true);
    const token = tokenOf(r.url!);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await links();
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.expiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const view = await loadShareView(db(), a.team.id, a.id);
    expect(view).toMatchObject({
      shareable: true,
      links: [{ createdBy: "Alice", password: true, allowDownload: true, views: 0, revoked: false }],
    });
    expect(JSON.stringify(view)).not.toContain(token);

    const revoked = await actions.revokeShareLinkAction(
      {},
      formOf({ team: a.team.slug, mediaId: a.id, linkId: row!.id }),
    );
    expect(revoked).toEqual({ ok: true, message: "Link revoked." });
    expect((await loadShareView(db(), a.team.id, a.id))!.links[0]!.revoked).toBe(true);
  });

  it("refuses bad expiry dates and short passwords with field errors", async () => {
    const a = await finished();
    world.userId = a.user.id;
    const form = (fields: Record<string, string>) =>
      actions.createShareLinkAction({}, formOf({ team: a.team.slug, mediaId: a.id, ...fields }));
    expect(Object.keys((await form({ expiry: "date", expiresOn: "2001-01-01" })).fieldErrors ?? {})).toEqual([
      "expiresOn",
    ]);
    expect(Object.keys((await form({ expiry: "date", expiresOn: "" })).fieldErrors ?? {})).toEqual(["expiresOn"]);
    expect(Object.keys((await form({ expiry: "never" })).fieldErrors ?? {})).toEqual(["expiry"]);
    expect(Object.keys((await form({ expiry: "none", password: "ab" })).fieldErrors ?? {})).toEqual(["password"]);
    expect(await links()).toHaveLength(0);
  });

  it("another team's media is not found and its links cannot be revoked or listed", async () => {
    const a = await finished();
    world.userId = a.user.id;
    await share(a.team.slug, a.id);
    const [link] = await links();
    const bob = await makeUser("Bob");
    world.userId = bob.user.id;
    const r = await actions.createShareLinkAction({}, formOf({ team: bob.team.slug, mediaId: a.id, expiry: "none" }));
    expect(r.error).toMatch(/doesn't exist/);
    const rv = await actions.revokeShareLinkAction(
      {},
      formOf({ team: bob.team.slug, mediaId: a.id, linkId: link!.id }),
    );
    expect(rv.error).toMatch(/doesn't exist/);
    expect(await loadShareView(db(), bob.team.id, a.id)).toBeNull();
    // Bob naming Alice's team is refused at the door.
    const door = await actions.createShareLinkAction({}, formOf({ team: a.team.slug, mediaId: a.id, expiry: "none" }));
    expect(door.error).toBeTruthy();
    expect(await links()).toHaveLength(1);
    expect((await links())[0]!.revokedAt).toBeNull();
  });

  it("a viewer cannot share", async () => {
    const a = await finished();
    const vera = await makeUser("Vera");
    await addMember(db(), a.team.id, vera.user.id, "viewer");
    world.userId = vera.user.id;
    const r = await actions.createShareLinkAction({}, formOf({ team: a.team.slug, mediaId: a.id, expiry: "none" }));
    expect(r.error).toMatch(/not share/);
    expect(await links()).toHaveLength(0);
  });

  it("a video still rendering cannot be shared, and says so", async () => {
    const a = await makeUser("Alice");
    const id = await createParallax(env, { teamId: a.team.id, userId: a.user.id });
    world.userId = a.user.id;
    const r = await actions.createShareLinkAction({}, formOf({ team: a.team.slug, mediaId: id, expiry: "none" }));
    expect(r.error).toMatch(/Only a finished video/);
  });
});

describe("the public side", () => {
  it("plays with ranges, counts views, and shows nothing else of the team", async () => {
    const a = await finished("Sunset over the bay");
    world.userId = a.user.id;
    await createParallax(env, { teamId: a.team.id, userId: a.user.id }, { title: "Secret campaign" });
    const token = await share(a.team.slug, a.id);

    const res = await page(token);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const tag of [
      '<meta property="og:title" content="Sunset over the bay">',
      '<meta property="og:type" content="video.other">',
      `<meta property="og:image" content="${BASE}/s/${token}/poster">`,
      `<meta property="og:video" content="${BASE}/s/${token}/video">`,
      '<meta property="og:video:type" content="video/mp4">',
      '<meta property="og:video:width" content="1280">',
      '<meta property="og:video:height" content="720">',
      '<meta name="twitter:card" content="player">',
      `<meta name="twitter:player" content="${BASE}/s/${token}/embed">`,
      '<meta name="twitter:player:width" content="1280">',
      `<meta name="twitter:image" content="${BASE}/s/${token}/poster">`,
    ])
      expect(html).toContain(tag);
    expect(html).not.toContain(a.team.name);
    expect(html).not.toContain(a.team.slug);
    expect(html).not.toContain("Alice");
    expect(html).not.toContain("Secret campaign");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("Download");

    const mp4 = (await db().select().from(mediaAssets).where(eq(mediaAssets.mediaId, a.id))).find(
      (x) => x.kind === "mp4",
    )!;
    const whole = Buffer.from(await (await video(token)).arrayBuffer());
    expect(whole.length).toBe(mp4.bytes);
    const part = await video(token, { range: "bytes=100-299" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-299/${mp4.bytes}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 300))).toBe(true);
    const poster = await posterRoute.GET(get(`/s/${token}/poster`), ctx(token));
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toMatch(/^image\//);

    await page(token);
    const [row] = await links();
    expect(row!.views).toBe(2);
    expect(row!.lastViewedAt).not.toBeNull();
  });

  it("the embed is the video alone; a media moved to the Trash takes its links down", async () => {
    const a = await finished("Sunset over the bay");
    world.userId = a.user.id;
    const token = await share(a.team.slug, a.id);
    const embed = await embedRoute.GET(get(`/s/${token}/embed`), ctx(token));
    expect(embed.status).toBe(200);
    const html = await embed.text();
    expect(html).toContain(`src="/s/${token}/video"`);
    expect(html).not.toContain("<h1>");
    expect(html).not.toContain("og:");

    await db().update(media).set({ deletedAt: new Date() }).where(eq(media.id, a.id));
    expect((await page(token)).status).toBe(404);
    expect((await video(token)).status).toBe(404);
  });

  it("downloads only when the link allows them", async () => {
    const a = await finished();
    world.userId = a.user.id;
    const closed = await share(a.team.slug, a.id);
    expect((await video(closed, {}, "?download=1")).status).toBe(403);
    expect(await (await page(closed)).text()).not.toContain("/video?download=1");

    const open = await share(a.team.slug, a.id, { allowDownload: "on" });
    expect(await (await page(open)).text()).toContain(`/s/${open}/video?download=1`);
    const dl = await video(open, {}, "?download=1");
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-disposition")).toMatch(/attachment; filename="sunset\.mp4"/);
  });

  it("revoked and unknown links are 404, expired ones 410, on every route", async () => {
    const a = await finished();
    world.userId = a.user.id;
    const token = await share(a.team.slug, a.id);
    const [link] = await links();

    const unknown = "A".repeat(43);
    for (const t of [unknown, "short", token.slice(0, 42)]) {
      expect((await page(t)).status).toBe(404);
      expect((await video(t)).status).toBe(404);
    }

    await db()
      .update(shareLinks)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(shareLinks.id, link!.id));
    const expired = await page(token);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");
    expect((await video(token)).status).toBe(410);
    expect((await embedRoute.GET(get(`/s/${token}/embed`), ctx(token))).status).toBe(410);

    await actions.revokeShareLinkAction({}, formOf({ team: a.team.slug, mediaId: a.id, linkId: link!.id }));
    expect((await page(token)).status).toBe(404);
    expect((await video(token)).status).toBe(404);
    expect((await posterRoute.GET(get(`/s/${token}/poster`), ctx(token))).status).toBe(404);
  });

  it("a password link shows nothing before the password, throttles wrong tries, and a cookie opens it", async () => {
    const a = await finished("Private cut");
    world.userId = a.user.id;
    const token = await share(a.team.slug, a.id, { password: "correct horse" });

    const gate = await (await page(token)).text();
    expect(gate).toContain('name="password"');
    expect(gate).not.toContain("Private cut");
    expect(gate).not.toContain("/video");
    expect(gate).not.toContain("/poster");
    expect((await video(token)).status).toBe(403);
    expect((await links())[0]!.views).toBe(0);

    const post = (password: string, ip = "203.0.113.7") =>
      pageRoute.POST(
        new Request(`${BASE}/s/${token}`, {
          method: "POST",
          headers: { origin: BASE, "x-real-ip": ip },
          body: formOf({ password }),
        }),
        ctx(token),
      );
    const wrong = await post("nope");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(await wrong.text()).toContain("That password isn&#39;t right.");
    for (let i = 0; i < 4; i++) expect((await post("nope")).status).toBe(401);
    const blocked = await post("correct horse");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBeTruthy();
    expect(blocked.headers.get("set-cookie")).toBeNull();

    // Another client is counted apart; the right password sets the cookie.
    const right = await post("correct horse", "198.51.100.9");
    expect(right.status).toBe(303);
    const setCookie = right.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toContain(`Path=/s/${token}`);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = setCookie.split(";")[0]!;

    const opened = await page(token, { cookie });
    expect(await opened.text()).toContain("Private cut");
    const part = await video(token, { cookie, range: "bytes=0-9" });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);

    // A forged or tampered cookie opens nothing.
    const [exp, sig] = cookie.split("=")[1]!.split(".");
    const forged = `share_access=${Number(exp) + 1000}.${sig}`;
    expect((await video(token, { cookie: forged })).status).toBe(403);
    expect((await video(token, { cookie: "share_access=1.abc" })).status).toBe(403);
  });

  it("refuses a password form posted from another site", async () => {
    const a = await finished();
    world.userId = a.user.id;
    const token = await share(a.team.slug, a.id, { password: "correct horse" });
    const res = await pageRoute.POST(
      new Request(`${BASE}/s/${token}`, {
        method: "POST",
        headers: { origin: "https://evil.example" },
        body: formOf({ password: "correct horse" }),
      }),
      ctx(token),
    );
    expect(res.status).toBe(403);
  });
});
