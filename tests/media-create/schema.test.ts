import { describe, expect, it } from "vitest";
import { createFormSchema, createParamsSchema, parseCreateForm, summarize } from "@/lib/media/create-schema";
import { MOTIONS, motionFor } from "@/lib/media/motions";

const UP1 = "11111111-1111-4111-8111-111111111111";
const UP2 = "22222222-2222-4222-8222-222222222222";
const ASSET = "33333333-3333-4333-8333-333333333333";

function errorsOf(input: Record<string, unknown>) {
  const r = createParamsSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[String(i.path[0])] ??= []).push(i.message);
  return out;
}

describe("create schema: ranges", () => {
  it("applies the API defaults and private visibility", () => {
    const p = createParamsSchema.parse({ prompt: "a bunny in the forest" });
    expect(p).toMatchObject({
      motionType: "Auto",
      quantity: 1,
      duration: 5,
      loop: 1,
      motionAmount: 5,
      aspectRatio: "16:9",
      soundEffects: false,
      visibility: "0",
    });
  });

  it.each([
    ["quantity", 0],
    ["quantity", 5],
    ["duration", 0],
    ["duration", 11],
    ["loop", 0],
    ["loop", 7],
    ["motionAmount", 0],
    ["motionAmount", 11],
  ])("refuses %s = %s", (field, value) => {
    expect(errorsOf({ prompt: "x", [field]: String(value) })[field]?.[0]).toMatch(/between/);
  });

  it("accepts the edges of every range, given as form strings", () => {
    const p = createParamsSchema.parse({ prompt: "x", quantity: "4", duration: "10", loop: "6", motionAmount: "1" });
    expect([p.quantity, p.duration, p.loop, p.motionAmount]).toEqual([4, 10, 6, 1]);
  });

  it("refuses fractions, unknown motion types, aspect ratios and visibilities", () => {
    const e = errorsOf({ prompt: "x", quantity: "1.5", motionType: "Teleport", aspectRatio: "2:1", visibility: "3" });
    expect(Object.keys(e).sort()).toEqual(["aspectRatio", "motionType", "quantity", "visibility"]);
  });

  it("refuses links that are not http(s)", () => {
    expect(errorsOf({ firstImage: "javascript:alert(1)" }).firstImage).toBeDefined();
    expect(errorsOf({ firstImage: "file:///etc/passwd" }).firstImage).toBeDefined();
    expect(errorsOf({ firstImage: "https://example.com/a.png" })).toEqual({});
  });

  it("refuses links to the studio's own network, in any spelling", () => {
    const privateLinks = [
      "http://127.0.0.1:3000/api/files/x",
      "http://localhost/x.png",
      "http://app.localhost/x.png",
      "http://2130706433/x.png",
      "http://0x7f.1/x.png",
      "http://0177.0.0.1/x.png",
      "http://127.1/x.png",
      "http://[::1]/x.png",
      "http://[::ffff:127.0.0.1]/x.png",
      "http://10.0.0.5/x.png",
      "http://192.168.1.1/x.png",
      "http://172.16.0.1/x.png",
      "http://169.254.169.254/latest/meta-data",
      "http://100.64.0.1/x.png",
      "http://[fd00::1]/x.png",
      "http://[fe80::1]/x.png",
      "http://0.0.0.0/x.png",
    ];
    for (const link of privateLinks) {
      expect(errorsOf({ firstImage: link }).firstImage, link).toEqual([
        "That link points to a private address; use a public image link or upload the file.",
      ]);
    }
    expect(errorsOf({ firstImage: "https://93.184.216.34/a.png" })).toEqual({});
  });
});

describe("create schema: what each motion type can take", () => {
  it("needs a prompt when there is no image", () => {
    expect(errorsOf({}).prompt).toBeDefined();
    expect(errorsOf({ prompt: "a cat" })).toEqual({});
  });

  it("offers a last frame only where the reference says so", () => {
    const withLast = MOTIONS.filter((m) => m.lastFrame)
      .map((m) => m.id)
      .sort();
    expect(withLast).toEqual(["Auto", "KlingAI", "LumaAI", "RunwayML"]);
    for (const m of MOTIONS.filter((x) => !x.tryOn)) {
      const e = errorsOf({ motionType: m.id, firstImage: UP1, lastImage: UP2 });
      if (m.lastFrame) expect(e, m.id).toEqual({});
      else expect(e.lastImage?.[0], m.id).toMatch(/one image/);
    }
  });

  it("says transition-less types (Wan, Veo, MiniMax…) take one image", () => {
    for (const id of ["MinimaxHailuo", "Seedance", "Hunyuan", "Wan", "Pixverse", "Veo", "VeoFast"]) {
      expect(motionFor(id).lastFrame).toBe(false);
    }
  });

  it("needs a first frame before a last one", () => {
    expect(errorsOf({ motionType: "Auto", lastImage: UP2, prompt: "x" }).firstImage).toBeDefined();
  });

  it("Parallax needs a photo and keeps a camera path", () => {
    expect(errorsOf({ motionType: "Parallax", prompt: "x" }).firstImage?.[0]).toMatch(/needs a photo/);
    const p = createParamsSchema.parse({ motionType: "Parallax", firstImage: UP1, cameraPath: "Circular" });
    expect(p.cameraPath).toBe("Circular");
    expect(errorsOf({ motionType: "Parallax", firstImage: UP1, cameraPath: "Sideways" }).cameraPath).toBeDefined();
  });

  it("try-on needs both a person and a garment image", () => {
    expect(Object.keys(errorsOf({ motionType: "TryOnVideo" })).sort()).toEqual(["garmentImage", "personImage"]);
    expect(errorsOf({ motionType: "TryOnVideo", personImage: UP1 }).garmentImage).toBeDefined();
    expect(
      errorsOf({ motionType: "TryOnVideo", personImage: UP1, garmentImage: UP2, tryOnModel: "KlingTryOn" }),
    ).toEqual({});
    expect(
      errorsOf({ motionType: "TryOnVideo", personImage: UP1, garmentImage: UP2, tryOnModel: "Other" }).tryOnModel,
    ).toBeDefined();
    expect(errorsOf({ motionType: "Auto", personImage: UP1, prompt: "x" }).personImage).toBeDefined();
  });

  it("extend needs a video, and a motion type that can extend", () => {
    expect(errorsOf({ extendVideo: "on", prompt: "go on" }).videoAssetId).toBeDefined();
    expect(errorsOf({ extendVideo: "on", videoAssetId: ASSET, prompt: "go on" })).toEqual({});
    expect(errorsOf({ extendVideo: "on", videoAssetId: ASSET, motionType: "Parallax" }).motionType).toBeDefined();
    expect(errorsOf({ extendVideo: "on", videoAssetId: ASSET, firstImage: UP1 }).firstImage).toBeDefined();
  });

  it("character animation needs a photo of the character", () => {
    expect(errorsOf({ characterAnimate: "on", prompt: "dance" }).firstImage).toBeDefined();
    expect(errorsOf({ characterAnimate: "on", firstImage: UP1 })).toEqual({});
  });
});

describe("create form", () => {
  it("needs an idempotency key", () => {
    expect(createFormSchema.safeParse({ prompt: "x" }).success).toBe(false);
    const fd = new FormData();
    fd.set("prompt", "x");
    fd.set("soundEffects", "on");
    fd.set("idempotencyKey", crypto.randomUUID());
    const r = parseCreateForm(fd);
    expect(r.success && r.data.soundEffects).toBe(true);
  });

  it("summarizes what will be made", () => {
    expect(summarize({ quantity: 2, duration: 5, aspectRatio: "16:9", soundEffects: true, loop: 1 })).toBe(
      "2 videos × 5 s, 16:9, with sound",
    );
    expect(summarize({ quantity: 1, duration: 8, aspectRatio: "9:16", soundEffects: false, loop: 2 })).toBe(
      "1 video × 8 s, 9:16, motion repeated 2×, silent",
    );
  });
});
