import type { MotionType } from "@/lib/media/motions";

// What a render is expected to cost, in credits. Vimmerse publishes no price table, so this is
// an ESTIMATE from one table of defaults (credits per second of video, per motion type), which an
// operator may override with COST_MODEL. Budgets are enforced on the estimate; what upstream
// really charges may differ. Pure and client-safe: the Create form shows the same figure (so no
// zod here: the COST_MODEL parser is in cost-model-override.ts, or every page with a price ships zod).
//
// Per the reference, `duration` (1–10, "MotionLength") is the length of each video in seconds for
// every motion type, `loop` repeats that motion (1–6), and `quantity` (1–4) is how many videos are
// made: seconds of video = duration × loop × quantity.

export type CostModel = Record<MotionType, number>;

/** Credits per second of video. The AI models that render each frame cost more than a 3D parallax. */
export const DEFAULT_COST_MODEL: CostModel = {
  Parallax: 1,
  LeonardoMotion: 1,
  Auto: 2,
  Hunyuan: 2,
  Wan: 2,
  Pixverse: 2,
  Seedance: 2,
  LumaAI: 2,
  LumaRay2: 3,
  MinimaxHailuo: 3,
  KlingAI: 3,
  Kling2: 3,
  RunwayML: 3,
  TryOnVideo: 3,
  VeoFast: 4,
  Veo: 8,
};

export type Estimated = { motionType: string; quantity: number; duration: number; loop: number };

/** ≈ credits for one render: rate × seconds of video, rounded up to whole credits. */
export function estimateCredits(p: Estimated, model: CostModel = DEFAULT_COST_MODEL): number {
  const rate = model[p.motionType as MotionType] ?? Math.max(...Object.values(model));
  const seconds = Math.max(1, p.duration) * Math.max(1, p.loop) * Math.max(1, p.quantity);
  // The epsilon keeps 0.1 × 30 = 3.0000000000000004 at 3.
  return Math.ceil(rate * seconds - 1e-9);
}
