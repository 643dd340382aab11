import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets } from "@/db/media-schema";
import type { ZipSource } from "@/db/queries/media-assets";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { planZip } from "@/lib/library/zip/plan";
import { NOTHING_TO_ZIP } from "@/lib/library/zip/response";
import { zipStream } from "@/lib/library/zip/stream";
import type { Storage, StoredRead } from "@/lib/storage/types";
import { makeUser } from "../helpers/factories";
import { tempStorage, world } from "../helpers/harness";
import { readZip } from "../helpers/zip-reader";

// The gallery selection's ZIP (issue 12): what goes in (every stored MP4 of each media's current
// version, readably named), what stays out (another team's, trashed, unfinished: said in
// README.txt), who may ask, and that the archive is streamed: pulled as read, stopped on hang-up.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
const route = await import("@/app/api/t/[team]/media/zip/route");

const db = () => getDb();

beforeEach(() => {
  world.storage = tempStorage();
  world.userId = null;
});

const post = (slug: string, ids: string | string[], headers: Record<string, string> = {}) =>
  route.POST(
    new Request(`http://studio.test/api/t/${slug}/media/zip`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ ids: Array.isArray(ids) ? ids.join(",") : ids }),
    }),
    { params: Promise.resolve({ team: slug }) },
  );

const zipOf = async (res: Response) => readZip(Buffer.from(await res.arrayBuffer()));

/** A media of the team with stored MP4 copies of its current version ("2"), bytes in the storage. */
async function video(
  teamId: string,
  opts: { title?: string; motion?: string; status?: "success" | "processing"; copies?: number } = {},
) {
  const [m] = await db()
    .insert(media)
    .values({
      teamId,
      title: opts.title ?? "Clip",
      motionType: opts.motion ?? "Parallax",
      params: {},
      status: opts.status ?? "success",
      bulletVersion: "2",
      webhookSecretHash: crypto.randomUUID(),
    })
    .returning();
  const files: Buffer[] = [];
  for (let i = 1; i <= (opts.copies ?? (opts.status === "processing" ? 0 : 1)); i++) {
    const bytes = randomBytes(50_000 + i);
    const key = `media/${m!.id}/v2-${i}.mp4`;
    await world.storage!.put(key, bytes, "video/mp4");
    await db()
      .insert(mediaAssets)
      .values({
        mediaId: m!.id,
        teamId,
        variantKey: `${m!.motionType}${i}`,
        kind: "mp4",
        storageKey: key,
        contentType: "video/mp4",
        bytes: bytes.length,
        bulletVersion: "2",
      });
    files.push(bytes);
  }
  return { id: m!.id, files };
}

/** Alice's team with a viewer, Vera; Mallory has a team of her own. */
async function scene() {
  const alice = await makeUser("Alice");
  const vera = await makeUser("Vera");
  const mallory = await makeUser("Mallory");
  await addMember(db(), alice.team.id, vera.user.id, "viewer");
  return { alice, vera, mallory, slug: alice.team.slug };
}

describe("the ZIP of a selection", () => {
  it("holds every stored MP4 of the current version, byte for byte, named readably, with a README for the rest", async () => {
    const { alice, slug } = await scene();
    const sunset = await video(alice.team.id, { title: "Sunset over Lisbon!", copies: 2 });
    // An older version's copy and a GIF of the current one are not part of the ZIP.
    await db()
      .insert(mediaAssets)
      .values([
        {
          mediaId: sunset.id,
          teamId: alice.team.id,
          variantKey: "Parallax1",
          kind: "mp4",
          storageKey: "old.mp4",
          contentType: "video/mp4",
          bytes: 9,
          bulletVersion: "1",
        },
        {
          mediaId: sunset.id,
          teamId: alice.team.id,
          variantKey: "Parallax1",
          kind: "gif",
          storageKey: "x.gif",
          contentType: "image/gif",
          bytes: 9,
          bulletVersion: "2",
        },
      ]);
    const untitled = await video(alice.team.id, { title: "", motion: "KlingAI" });
    const rendering = await video(alice.team.id, { title: "Harbour at night", status: "processing" });

    world.userId = alice.user.id;
    const res = await post(slug, [sunset.id, untitled.id, rendering.id]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-3-videos.zip"`);
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");

    const entries = await zipOf(res);
    const short = (id: string) => id.slice(0, 8);
    expect(entries.map((e) => e.name)).toEqual([
      `sunset-over-lisbon-${short(sunset.id)}-1.mp4`,
      `sunset-over-lisbon-${short(sunset.id)}-2.mp4`,
      `klingai-${short(untitled.id)}.mp4`,
      "README.txt",
    ]);
    expect(entries[0]!.bytes.equals(sunset.files[0]!)).toBe(true);
    expect(entries[1]!.bytes.equals(sunset.files[1]!)).toBe(true);
    expect(entries[2]!.bytes.equals(untitled.files[0]!)).toBe(true);
    expect(entries[3]!.bytes.toString()).toContain("not included: Harbour at night (still rendering)");
  });

  it("a viewer may download the ZIP; a ZIP with nothing left out has no README", async () => {
    const { alice, vera, slug } = await scene();
    const one = await video(alice.team.id, { title: "One" });
    world.userId = vera.user.id;
    const res = await post(slug, one.id);
    expect(res.status).toBe(200);
    expect((await zipOf(res)).map((e) => e.name)).toEqual([`one-${one.id.slice(0, 8)}.mp4`]);
  });

  it("leaves trashed media out; nothing downloadable at all is a 404 with a clear message, not an empty ZIP", async () => {
    const { alice, slug } = await scene();
    const kept = await video(alice.team.id, { title: "Kept" });
    const trashed = await video(alice.team.id, { title: "Binned" });
    await db().update(media).set({ deletedAt: new Date() }).where(eq(media.id, trashed.id));
    const rendering = await video(alice.team.id, { status: "processing" });
    world.userId = alice.user.id;

    const entries = await zipOf(await post(slug, [kept.id, trashed.id]));
    expect(entries.map((e) => e.name)).toEqual([`kept-${kept.id.slice(0, 8)}.mp4`]);

    for (const ids of [[trashed.id], [rendering.id], [crypto.randomUUID()]]) {
      const res = await post(slug, ids);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(NOTHING_TO_ZIP);
    }
  });

  it("bad ids get a clear 400 and read nothing", async () => {
    const { alice, slug } = await scene();
    world.userId = alice.user.id;
    const read = vi.spyOn(world.storage!, "get");
    const cases: [string, RegExp][] = [
      ["", /Choose at least one video/],
      ["not-a-uuid", /Not a video of this team/],
      [Array.from({ length: 101 }, () => crypto.randomUUID()).join(","), /At most 100 videos/],
    ];
    for (const [ids, message] of cases) {
      const res = await post(slug, ids);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(message);
    }
    expect(read).not.toHaveBeenCalled();
  });

  it("a body far bigger than 100 ids is refused (413) without being read whole", async () => {
    const { alice, slug } = await scene();
    world.userId = alice.user.id;
    const read = vi.spyOn(world.storage!, "get");
    const huge = await post(slug, "x".repeat(64 * 1024));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toMatch(/at most 100/);
    expect(read).not.toHaveBeenCalled();
  });

  it("refuses the signed-out (404, as every team route) and a cross-site POST (403)", async () => {
    const { alice, slug } = await scene();
    const one = await video(alice.team.id);
    expect((await post(slug, one.id)).status).toBe(404);
    world.userId = alice.user.id;
    const crossSite = await post(slug, one.id, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("content-type")).not.toBe("application/zip");
    expect((await post(slug, one.id, { origin: new URL(env().APP_URL).origin })).status).toBe(200);
  });
});

describe("isolation between teams", () => {
  it("team B posting team A's ids to B's route gets none of A's files; to A's slug, a 404", async () => {
    const { alice, mallory, slug } = await scene();
    const secret = await video(alice.team.id, { title: "Secret launch" });
    const hers = await video(mallory.team.id, { title: "Mine" });
    world.userId = mallory.user.id;

    const only = await post(mallory.team.slug, secret.id);
    expect(only.status).toBe(404);
    expect(await only.text()).toBe(NOTHING_TO_ZIP);

    const mixed = await zipOf(await post(mallory.team.slug, [secret.id, hers.id]));
    expect(mixed.map((e) => e.name)).toEqual([`mine-${hers.id.slice(0, 8)}.mp4`]);
    expect(mixed.some((e) => e.bytes.equals(secret.files[0]!))).toBe(false);

    const theirs = await post(slug, secret.id);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ error: "Not found" });
  });
});

describe("entry names", () => {
  const row = (mediaId: string, title: string, variantKey: string | null = "Parallax1"): ZipSource => ({
    mediaId,
    title,
    motionType: "Parallax",
    status: "success" as const,
    variantKey,
    storageKey: variantKey ? `k/${mediaId}/${variantKey}` : null,
    bytes: variantKey ? 1 : null,
  });

  it("cannot climb out of the folder, and stay unique when two short ids collide", () => {
    const a = "abcdef12-0000-4000-8000-000000000001";
    const b = "abcdef12-0000-4000-8000-000000000002";
    const plan = planZip([row(a, "../../etc/passwd"), row(b, "..\\..\\etc\\passwd"), row(b, "", null)], [a, b]);
    expect(plan.entries.map((e) => e.name)).toEqual(["etc-passwd-abcdef12.mp4", "etc-passwd-abcdef12-2.mp4"]);
    expect(plan.entries.every((e) => /^[a-z0-9-]+\.mp4$/.test(e.name))).toBe(true);
  });

  it("sorts a media's copies by variant number (Parallax2 before Parallax10)", () => {
    const a = "abcdef12-0000-4000-8000-000000000001";
    const plan = planZip([row(a, "X", "Parallax10"), row(a, "X", "Parallax2")], [a]);
    expect(plan.entries.map((e) => e.storageKey)).toEqual([`k/${a}/Parallax2`, `k/${a}/Parallax10`]);
  });
});

describe("streaming", () => {
  const MB = 1024 * 1024;

  /** A storage of large generated files that counts what was read and what was closed. */
  function countingStorage(files: number, size: number) {
    const stats = { opened: [] as string[], bytesRead: 0, cancelled: 0 };
    const storage: Storage = {
      kind: "local",
      put: async () => ({ key: "", bytes: 0, url: null }),
      delete: async () => {},
      async get(key): Promise<StoredRead | null> {
        if (key.endsWith("missing")) return null;
        stats.opened.push(key);
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(ctl) {
            if (key.endsWith("broken") && sent >= MB) return ctl.error(new Error("storage hiccup"));
            if (sent >= size) return ctl.close();
            const n = Math.min(64 * 1024, size - sent);
            sent += n;
            stats.bytesRead += n;
            ctl.enqueue(new Uint8Array(n).fill(7));
          },
          cancel: () => {
            stats.cancelled++;
          },
        });
        return { body, contentType: "video/mp4", bytes: size };
      },
    };
    const plan = {
      entries: Array.from({ length: files }, (_, i) => ({ name: `v${i}.mp4`, storageKey: `f${i}`, bytes: size })),
      left: [],
    };
    return { storage, stats, plan };
  }

  it("reads the files only as fast as the client takes the ZIP, and a hang-up closes the open file", async () => {
    const { storage, stats, plan } = countingStorage(3, 20 * MB);
    const reader = zipStream(storage, plan).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 300));
    // While nobody pulls, the archive's own buffers (about 1 MB each way) fill and the reading
    // stops there: far from the 20 MB file, let alone the 60 MB of the three.
    expect(stats.bytesRead).toBeLessThan(4 * MB);
    expect(stats.opened).toEqual(["f0"]);
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(stats.cancelled).toBe(1);
    expect(stats.opened).toEqual(["f0"]);
  });

  it("an aborted request stops the archive the same way", async () => {
    const { storage, stats, plan } = countingStorage(3, 20 * MB);
    const abort = new AbortController();
    const reader = zipStream(storage, plan, abort.signal).getReader();
    await reader.read();
    abort.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect(stats.cancelled).toBe(1);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow();
    expect(stats.opened).toEqual(["f0"]);
  });

  it("a file the store lost is named in README.txt; a read failing midway fails the download", async () => {
    const { storage, plan } = countingStorage(2, MB);
    plan.entries[1]!.storageKey = "missing";
    const zip = readZip(Buffer.from(await new Response(zipStream(storage, plan)).arrayBuffer()));
    expect(zip.map((e) => e.name)).toEqual(["v0.mp4", "README.txt"]);
    expect(zip[1]!.bytes.toString()).toContain("not included: v1.mp4 (its stored file is missing)");

    const broken = countingStorage(2, 4 * MB);
    broken.plan.entries[0]!.storageKey = "broken";
    await expect(new Response(zipStream(broken.storage, broken.plan)).arrayBuffer()).rejects.toThrow();
  });
});
