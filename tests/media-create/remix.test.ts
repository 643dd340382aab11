import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { uploads } from "@/db/media-schema";
import { recordUpload } from "@/db/queries/uploads";
import { getDb } from "@/lib/db";
import * as service from "@/lib/media/create";
import { initialFor } from "@/lib/media/prefill";
import { makeUser } from "../helpers/factories";
import { APP_URL, downClient, FILE_SECRET, formOf, tempStorage } from "../helpers/harness";

const db = () => getDb();

async function made(teamId: string, userId: string, fields: Record<string, string>) {
  const deps = { db: db(), client: downClient(), storage: tempStorage(), appUrl: APP_URL, fileSecret: FILE_SECRET };
  const r = await service.createMediaAs(
    deps,
    { teamId, userId },
    formOf({ idempotencyKey: crypto.randomUUID(), ...fields }),
  );
  return r.mediaId!;
}

describe("remix prefill", () => {
  it("fills the form from the media's params and the inputs still there", async () => {
    const { user, team } = await makeUser();
    const up = await recordUpload(db(), {
      teamId: team.id,
      uploadedBy: user.id,
      storage: "local",
      storageKey: `uploads/${team.id}/a.png`,
      url: null,
      name: "a.png",
      contentType: "image/png",
      bytes: 10,
    });
    const id = await made(team.id, user.id, {
      motionType: "Auto",
      firstImage: up.id,
      lastImage: "https://example.com/end.png",
      quantity: "3",
      soundEffects: "on",
      title: "Sunset",
    });
    const init = await initialFor(db(), team, id, []);
    expect(init.mode).toBe("images");
    expect(init.values).toMatchObject({ motionType: "Auto", quantity: 3, soundEffects: true, title: "Sunset" });
    expect(init.slots.firstImage).toEqual({
      kind: "upload",
      id: up.id,
      name: "a.png",
      contentType: "image/png",
      bytes: 10,
      previewUrl: `/api/t/${team.slug}/uploads/${up.id}`,
    });
    expect(init.slots.lastImage).toEqual({ kind: "url", url: "https://example.com/end.png" });
    expect(init.note).toBe("Remixing “Sunset”: its settings are filled in.");

    await db().delete(uploads).where(eq(uploads.id, up.id));
    const later = await initialFor(db(), team, id, []);
    expect(later.slots.firstImage).toBeUndefined();
    expect(later.note).toMatch(/one input is no longer available/);
  });

  it("picks the try-on mode back, and ignores another team's media", async () => {
    const alice = await makeUser("Alice");
    const bob = await makeUser("Bob");
    const id = await made(alice.team.id, alice.user.id, {
      motionType: "TryOnVideo",
      personImage: "https://example.com/p.png",
      garmentImage: "https://example.com/g.png",
      tryOnModel: "ViduTryOn",
    });
    expect((await initialFor(db(), alice.team, id, [])).mode).toBe("tryon");
    const stranger = await initialFor(db(), bob.team, id, []);
    expect(stranger.note).toBeUndefined();
    expect(stranger.slots).toEqual({});
    expect(stranger.values.motionType).toBe("Auto");
  });
});
