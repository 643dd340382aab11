import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { customerIdFor } from "@/lib/sandbox/http";
import { applyEdit, paramsString, parsePosePreset, specOf, splitParams } from "@/lib/sandbox/params";
import { wrap, writeBitmapText } from "@/lib/sandbox/render/card";
import { cameraFilter } from "@/lib/sandbox/render/motion";
import { planVariants, serviceName, snapAspect } from "@/lib/sandbox/render/plan";
import { renderVariant } from "@/lib/sandbox/render/variant";
import { CAMERA_PATHS } from "@/lib/sandbox/types";
import { frameAt, probeFile, tempDir } from "./helpers";

describe("params", () => {
  it("parses pose presets and prints them back", () => {
    expect(splitParams("CameraPath=StepIn|Prompt=a=b|Loop=2|")).toEqual([
      ["CameraPath", "StepIn"],
      ["Prompt", "a=b"],
      ["Loop", "2"],
    ]);
    const parsed = parsePosePreset([
      { MotionType: "Parallax", Params: "CameraPath=StepIn|Quantity=2|Seed=9" },
      { MotionType: "LumaAI" },
    ]);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.map(paramsString)).toEqual([
      "CameraPath=StepIn|Prompt=|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1|Seed=9",
      "CameraPath=|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
    ]);
    expect(parsePosePreset('{"MotionType":"Parallax","Params":"CameraPath=Cross"}').success).toBe(true);
    expect(parsePosePreset([]).success).toBe(false);
    expect(parsePosePreset({ MotionType: "Parallax", Params: "Loop=7" }).success).toBe(false);
  });

  it("tells free edits from resubmissions", () => {
    const parsed = parsePosePreset({ MotionType: "Parallax", Params: "CameraPath=StepIn|Prompt=x" });
    if (!parsed.success) throw new Error("parse");
    const spec = specOf(parsed.data, { soundEffects: false });
    expect(applyEdit(spec, { title: "t" })).toBeNull();
    expect(applyEdit(spec, { prompt: "x", camera_control: "StepIn", sound_effects: "No" })).toBeNull();
    expect(applyEdit(spec, { sound_effects: "Yes" })?.soundEffects).toBe(true);
    expect(applyEdit(spec, { camera_control: "Cross" })?.poses[0]?.cameraPath).toBe("Cross");
    const switched = applyEdit(spec, { motion_type: "RunwayML", duration: 9 });
    expect(switched?.poses).toHaveLength(1);
    expect(switched?.poses[0]).toMatchObject({ motionType: "RunwayML", cameraPath: "", motionLength: 9 });
  });

  it("derives the customer from the key", () => {
    expect(customerIdFor("k")).toMatch(/^sandbox_[0-9a-f]{12}$/);
    expect(customerIdFor("k")).toBe(customerIdFor("k"));
    expect(customerIdFor("k")).not.toBe(customerIdFor("j"));
  });
});

describe("planning", () => {
  it("snaps image shapes to the nearest listed aspect ratio", () => {
    expect(snapAspect(1920, 1080)).toBe("16:9");
    expect(snapAspect(1200, 800)).toBe("4:3");
    expect(snapAspect(1000, 1000)).toBe("1:1");
    expect(snapAspect(800, 1000)).toBe("3:4");
    expect(snapAspect(1080, 1920)).toBe("9:16");
    expect(snapAspect(4000, 1000)).toBe("16:9");
  });

  it("keys variants per motion type and says which model a stand-in replaces", () => {
    const parsed = parsePosePreset([
      { MotionType: "Parallax", Params: "Quantity=2" },
      { MotionType: "Veo", Params: "Quantity=2|Prompt=slow push in on the shoe" },
      { MotionType: "Parallax", Params: "CameraPath=StepU" },
    ]);
    if (!parsed.success) throw new Error("parse");
    const spec = specOf(parsed.data, { soundEffects: false });
    const plan = planVariants(spec, [], "seed");
    expect(plan.map((p) => [p.key, p.cameraPath, p.kind])).toEqual([
      ["Parallax1", "HorizontalArc", "card"],
      ["Parallax2", "HorizontalArc", "card"],
      ["Veo1", "StepIn", "card"], // the prompt's "push in" steers the camera
      ["Veo2", expect.any(String), "card"],
      ["Parallax3", "StepU", "card"],
    ]);
    expect(serviceName(spec)).toBe("Sandbox (stand-in for Veo)");
    expect(serviceName(specOf(parsed.data.slice(0, 1), { soundEffects: false }))).toBe("Sandbox (Parallax)");
    expect(serviceName({ ...spec, characterAnimate: true, model: "S2V" })).toBe(
      "Sandbox (stand-in for S2V character animation)",
    );
  });

  it("writes a distinct camera filter per path", () => {
    const filters = CAMERA_PATHS.map((p) => cameraFilter({ path: p, amount: 5, variant: 0 }, 50));
    expect(new Set(filters).size).toBe(CAMERA_PATHS.length);
    expect(filters.every((f) => f.startsWith("perspective=") && f.endsWith(":eval=frame"))).toBe(true);
  });
});

describe("prompt cards without a font", () => {
  it("wraps text into lines that fit", () => {
    expect(wrap("one two three four five", 9, 5)).toEqual(["one two", "three", "four five"]);
    expect(wrap("abcdefghijkl", 5, 5)).toEqual(["abcde", "fghij", "kl"]);
    expect(wrap("a b c d e f", 1, 2, "~")).toEqual(["a", "~"]);
  });

  it("draws the prompt with the built-in bitmap font and renders the card with it", async () => {
    const dir = tempDir("card");
    const textFile = path.join(dir, "t.rgba");
    await writeBitmapText(textFile, 200, 100, [{ lines: ["Hi!"], scale: 4, centerY: 50, alpha: 255 }]);
    const px = await readFile(textFile);
    let inked = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) inked++;
    expect(inked).toBeGreaterThan(100);

    const out = { mp4: path.join(dir, "c.mp4"), gif: path.join(dir, "c.gif"), poster: path.join(dir, "c.jpg") };
    await renderVariant({
      kind: "card",
      images: [],
      prompt: "Über café — naïve text ✓",
      caption: "SANDBOX PREVIEW · stand-in for Auto",
      width: 720,
      height: 720,
      seconds: 1,
      loops: 1,
      motion: { path: "Circular", amount: 5, variant: 0 },
      audio: true,
      font: null,
      workDir: path.join(dir, "work"),
      out,
    });
    const info = await probeFile(out.mp4);
    expect(info).toMatchObject({ width: 720, height: 720, audio: true });
    // White text on a dark card: the centre row of the frame has bright pixels.
    const frame = await frameAt(out.mp4, 0.5, "360:360");
    const bright = [...frame.subarray(360 * 140, 360 * 205)].filter((v) => v > 200).length;
    expect(bright).toBeGreaterThan(500);
    expect((await probeFile(out.gif)).width).toBe(480);
    expect((await probeFile(out.poster)).width).toBe(720);
  });
});
