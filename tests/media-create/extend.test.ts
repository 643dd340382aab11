import { beforeEach, describe, expect, it, vi } from "vitest";
import { media, mediaAssets } from "@/db/media-schema";
import { listExtendableVideos } from "@/db/queries/media-assets";
import { countFinishedMedia } from "@/db/queries/media-lists";
import { getDb } from "@/lib/db";
import * as service from "@/lib/media/create";
import { createVimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import { APP_URL, formOf, tempStorage, world } from "../helpers/harness";

// Extending a video: the team's own copy goes upstream as a media_items video behind a signed,
// expiring link to the files route, which serves it only with a valid signature.

vi.mock("@/lib/storage", async () => (await import("../helpers/harness")).worldMocks.storage());
const filesRoute = await import("@/app/api/files/[...key]/route");

const SECRET = process.env.AUTH_SECRET!;
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]);
const db = () => getDb();

async function finishedVideo(teamId: string, title: string) {
  const [m] = await db()
    .insert(media)
    .values({
      teamId,
      title,
      motionType: "Parallax",
      params: {},
      status: "success",
      webhookSecretHash: crypto.randomUUID(),
    })
    .returning();
  const key = `assets/${teamId}/${m!.id}/Parallax1.mp4`;
  await world.storage!.put(key, MP4, "video/mp4");
  const [a] = await db()
    .insert(mediaAssets)
    .values({
      mediaId: m!.id,
      teamId,
      variantKey: "Parallax1",
      kind: "mp4",
      storageKey: key,
      contentType: "video/mp4",
      bulletVersion: "1",
    })
    .returning();
  return { media: m!, asset: a! };
}

/** A fake upstream that records what it was sent and answers like the reference. */
function recordingClient(sent: FormData[]) {
  return createVimmerseClient({
    baseUrl: "http://upstream.test",
    apiKey: "k",
    sleep: async () => {},
    fetch: async (input, init) => {
      sent.push(await new Request(input, init).formData());
      return Response.json({ data: { id: "up-1", processing_status: "queue_bullet", progress_percentage: 0 } });
    },
  });
}

const getFile = (url: string) => {
  const u = new URL(url);
  const key = u.pathname.replace(/^\/api\/files\//, "").split("/");
  return filesRoute.GET(new Request(url), { params: Promise.resolve({ key }) });
};

beforeEach(() => {
  world.storage = tempStorage();
});

describe("extend a video", () => {
  it("lists only the team's finished videos that have a copy", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    await finishedVideo(alice.team.id, "Waves");
    await db().insert(media).values({
      teamId: alice.team.id,
      motionType: "Auto",
      params: {},
      status: "success",
      webhookSecretHash: crypto.randomUUID(),
    });
    expect((await listExtendableVideos(db(), alice.team.id)).map((v) => v.title)).toEqual(["Waves"]);
    expect(await countFinishedMedia(db(), alice.team.id)).toBe(2);
    expect(await listExtendableVideos(db(), bob.team.id)).toEqual([]);
  });

  it("sends the video as a signed link the files route serves, and refuses tampering", async () => {
    const { user, team } = await makeUser();
    const { asset } = await finishedVideo(team.id, "Waves");
    const sent: FormData[] = [];
    const deps = {
      db: db(),
      client: recordingClient(sent),
      storage: world.storage!,
      appUrl: APP_URL,
      fileSecret: SECRET,
    };
    const r = await service.createMediaAs(
      deps,
      { teamId: team.id, userId: user.id },
      formOf({
        idempotencyKey: crypto.randomUUID(),
        extendVideo: "Yes",
        videoAssetId: asset.id,
        motionType: "KlingAI",
        prompt: "the wave breaks",
      }),
    );
    expect(r).toMatchObject({ ok: true });
    const form = sent[0]!;
    expect(form.get("extend_video")).toBe("Yes");
    const items = JSON.parse(String(form.get("media_items"))) as { type: string; url: string; position: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "video", position: "First" });
    expect(items[0]!.url.startsWith(`${APP_URL}/api/files/assets/${team.id}/`)).toBe(true);

    const ok = await getFile(items[0]!.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(MP4);

    const tampered = new URL(items[0]!.url);
    tampered.searchParams.set("exp", String(Number(tampered.searchParams.get("exp")) + 60));
    expect((await getFile(tampered.toString())).status).toBe(403);
    const otherKey = items[0]!.url.replace("Parallax1.mp4", "Parallax2.mp4");
    expect((await getFile(otherKey)).status).toBe(403);
    const unsigned = new URL(items[0]!.url);
    expect((await getFile(`${unsigned.origin}${unsigned.pathname}`)).status).toBe(403);
  });

  it("refuses another team's video", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    const { asset } = await finishedVideo(alice.team.id, "Waves");
    const sent: FormData[] = [];
    const deps = {
      db: db(),
      client: recordingClient(sent),
      storage: world.storage!,
      appUrl: APP_URL,
      fileSecret: SECRET,
    };
    const r = await service.createMediaAs(
      deps,
      { teamId: bob.team.id, userId: bob.user.id },
      formOf({ idempotencyKey: crypto.randomUUID(), extendVideo: "Yes", videoAssetId: asset.id, prompt: "more" }),
    );
    expect(r).toMatchObject({ ok: false, fieldErrors: { videoAssetId: [expect.stringMatching(/not available/)] } });
    expect(sent).toHaveLength(0);
  });
});
