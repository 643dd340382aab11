import { createHash } from "node:crypto";
import { ASPECT_RATIOS, type AspectRatio, type CameraPath, type GenerationSpec } from "../types";
import { AI_PATH_CYCLE, pathFromPrompt } from "./motion";
import type { VariantKind } from "./variant";

// What to render for a generation: one entry per video, keyed like upstream (<MotionType><n>).
// Every motion type other than Parallax is an AI model upstream; here each is a camera-motion
// stand-in, and it says so in service_name and on prompt cards.

export const SIZES: Record<AspectRatio, [number, number]> = {
  "16:9": [1280, 720],
  "4:3": [960, 720],
  "1:1": [720, 720],
  "3:4": [720, 960],
  "9:16": [720, 1280],
};

/** The listed ratio nearest to width/height (compared on a log scale, so 2:1 and 1:2 are alike). */
export function snapAspect(width: number, height: number): AspectRatio {
  const r = Math.log(width / height);
  let best: AspectRatio = "16:9";
  let bestDiff = Infinity;
  for (const ar of ASPECT_RATIOS) {
    const [w, h] = SIZES[ar];
    const d = Math.abs(Math.log(w / h) - r);
    if (d < bestDiff) {
      best = ar;
      bestDiff = d;
    }
  }
  return best;
}

export type PlanImage = { file: string; width: number; height: number };

export type PlannedVariant = {
  key: string;
  motionType: string;
  cameraPath: CameraPath;
  kind: VariantKind;
  images: string[];
  prompt: string;
  caption: string;
  width: number;
  height: number;
  aspectRatio: AspectRatio;
  seconds: number;
  loops: number;
  amount: number;
  variant: number;
  audio: boolean;
};

export const SERVICE_VERSION = "sandbox-1";

function standInFor(spec: GenerationSpec, motionType: string): string {
  if (spec.characterAnimate) return `${spec.model || "S2V"} character animation`;
  if (motionType === "TryOnVideo" && spec.model) return `TryOnVideo/${spec.model}`;
  if (spec.extendVideo) return `${motionType} video extension`;
  return motionType;
}

/** service_name: plainly the sandbox, naming the model it stands in for. */
export function serviceName(spec: GenerationSpec): string {
  const types = [...new Set(spec.poses.map((p) => p.motionType))];
  const ai = types.filter((t) => t !== "Parallax").map((t) => standInFor(spec, t));
  if (ai.length === 0) return "Sandbox (Parallax)";
  return `Sandbox (stand-in for ${ai.join(", ")})`;
}

const hashInt = (s: string) => createHash("sha256").update(s).digest().readUInt32BE(0);

export function planVariants(spec: GenerationSpec, images: PlanImage[], seed: string): PlannedVariant[] {
  const counters = new Map<string, number>();
  const out: PlannedVariant[] = [];
  spec.poses.forEach((pose, poseIndex) => {
    const aspectRatio = pose.aspectRatio ?? (images[0] ? snapAspect(images[0].width, images[0].height) : "16:9");
    const [width, height] = SIZES[aspectRatio];
    // A try-on takes a person and a garment, not a first and a last frame.
    const transition = images.length >= 2 && pose.motionType !== "TryOnVideo";
    const kind: VariantKind = images.length === 0 ? "card" : transition ? "transition" : "image";
    const start = hashInt(`${seed}:${poseIndex}`) % AI_PATH_CYCLE.length;
    for (let k = 0; k < pose.quantity; k++) {
      const n = (counters.get(pose.motionType) ?? 0) + 1;
      counters.set(pose.motionType, n);
      const cameraPath: CameraPath =
        pose.motionType === "Parallax"
          ? pose.cameraPath || "HorizontalArc"
          : ((k === 0 ? pathFromPrompt(pose.prompt) : null) ?? AI_PATH_CYCLE[(start + k) % AI_PATH_CYCLE.length]!);
      out.push({
        key: `${pose.motionType}${n}`,
        motionType: pose.motionType,
        cameraPath,
        kind,
        images: kind === "transition" ? images.slice(0, 2).map((i) => i.file) : images.slice(0, 1).map((i) => i.file),
        prompt: pose.prompt,
        caption:
          pose.motionType === "Parallax"
            ? "SANDBOX PREVIEW · Parallax"
            : `SANDBOX PREVIEW · stand-in for ${standInFor(spec, pose.motionType)}`,
        width,
        height,
        aspectRatio,
        seconds: pose.motionLength,
        loops: pose.loop,
        amount: pose.motionAmount,
        variant: n - 1,
        audio: spec.soundEffects,
      });
    }
  });
  return out;
}
