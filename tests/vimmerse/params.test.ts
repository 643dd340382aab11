import { describe, expect, it } from "vitest";
import { buildParams, parseParams } from "@/lib/vimmerse";

const segments = (s: string) => s.split("|").sort();

describe("Params string", () => {
  const samples = [
    "Prompt=|CameraPath=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
    "CameraPath=StepIn|Prompt=|PromptStrength=0|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1|Zoom=1",
    "CameraPath=StepIn|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1|EasyEase=1|Zoom=1|HorizontalCrop=0|VerticalCrop=0|Seed=0|GuidanceScale=0",
    "Prompt=Shot of Nike shoes on colorful background.|PromptStrength=5|MotionAmount=5|MotionLength=5|Loop=1|Quantity=2",
    "Prompt=|CameraPath=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1|AspectRatio=16:9",
  ];

  it.each(samples)("round-trips %s", (raw) => {
    const parsed = parseParams(raw);
    const rebuilt = buildParams(parsed);
    expect(segments(rebuilt)).toEqual(segments(raw));
    expect(parseParams(rebuilt)).toEqual(parsed);
  });

  it("keeps an empty Prompt as an empty string, and extra keys verbatim", () => {
    const p = parseParams("Prompt=|CameraPath=StepIn|Zoom=1|EasyEase=1");
    expect(p).toEqual({ prompt: "", cameraPath: "StepIn", extra: { Zoom: "1", EasyEase: "1" } });
    expect(buildParams(p)).toBe("Prompt=|CameraPath=StepIn|Zoom=1|EasyEase=1");
  });

  it("keeps a numeric key with a non-numeric value in extra, so nothing is lost", () => {
    const p = parseParams("Quantity=|Loop=two");
    expect(p.quantity).toBeUndefined();
    expect(p.extra).toEqual({ Quantity: "", Loop: "two" });
    expect(buildParams(p)).toBe("Quantity=|Loop=two");
  });

  it("builds in upstream's order from typed fields", () => {
    expect(
      buildParams({
        quantity: 2,
        prompt: "a cat",
        cameraPath: "Cross",
        loop: 1,
        aspectRatio: "9:16",
        extra: { Zoom: "1" },
      }),
    ).toBe("Prompt=a cat|CameraPath=Cross|Quantity=2|Loop=1|AspectRatio=9:16|Zoom=1");
  });

  it("a value with '=' survives; a '|' in a prompt is glued back on parse and replaced on build", () => {
    expect(parseParams("Prompt=x=y|Quantity=1")).toEqual({ prompt: "x=y", quantity: 1, extra: {} });
    expect(parseParams("Prompt=left|right|Quantity=1").prompt).toBe("left|right");
    expect(buildParams({ prompt: "left|right" })).toBe("Prompt=left right");
  });

  it("empty and missing strings parse to no fields; trailing separators are ignored", () => {
    expect(parseParams("")).toEqual({ extra: {} });
    expect(parseParams(undefined)).toEqual({ extra: {} });
    expect(parseParams("Loop=1|")).toEqual({ loop: 1, extra: {} });
  });
});
