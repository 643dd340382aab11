import { z } from "zod";
import { checkUrl, choice, int, jsonObject, list, motionType, num, text, url, url1 } from "./fields";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  CAMERA_PATHS,
  type CameraPath,
  type GenerationSpec,
  type Pose,
} from "./types";

// The request schemas of every create/edit endpoint, and the "Params" mini-language of pose
// presets (CameraPath=...|Prompt=...|Quantity=1|...), parsed into Pose and printed back.

const YES_NO = ["Yes", "No"] as const;
const VISIBILITY = ["0", "1", "2"] as const;
const POSITIONS = ["First", "Last"] as const;
export const MAX_POSES = 10;

export const mediaItem = z.object({
  type: choice(["image", "video"] as const, "image"),
  url: url1,
  position: choice(POSITIONS, "First"),
});
export type MediaItem = z.output<typeof mediaItem>;

const imageUrl = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const r = typeof v === "string" ? checkUrl(v.trim()) : null;
    if (typeof r === "string") return r;
    ctx.addIssue({
      code: "custom",
      message: r ? r.msg : "Input should be a valid string",
      params: { type: r ? r.type : "string_type" },
    });
    return z.NEVER;
  });

/** POST /media (multipart or urlencoded form, or JSON with the same names). */
export const createMediaForm = z.object({
  title: text(500, ""),
  description: text(5000, ""),
  visibility_status: choice(VISIBILITY, "1"),
  image_urls: list(imageUrl, 2),
  media_items: list(mediaItem, 2),
  prompt: text(2000, ""),
  motion_type: motionType("Auto"),
  camera_control: choice(CAMERA_PATHS, "HorizontalArc"),
  quantity: int(1, 4, 1),
  duration: int(1, 10, 5),
  loop: int(1, 6, 1),
  motion_range: int(1, 10, 5),
  sound_effects: choice(YES_NO, "No"),
  extend_video: choice(YES_NO, "No"),
  character_animate: choice(YES_NO, "No"),
  model: text(64, ""),
  aspect_ratio: choice(ASPECT_RATIOS, undefined),
  webhook_url: url(""),
});
export type CreateMediaForm = z.output<typeof createMediaForm>;

/** PUT /media/{id}/edit: every field optional; absent means "leave as is". */
export const editMediaForm = z.object({
  title: text(500, undefined),
  description: text(5000, undefined),
  rating: text(16, undefined),
  visibility_status: choice(VISIBILITY, undefined),
  webhook_url: url(undefined),
  prompt: text(2000, undefined),
  motion_type: motionType(undefined),
  camera_control: choice(CAMERA_PATHS, undefined),
  quantity: int(1, 4, undefined),
  duration: int(1, 10, undefined),
  loop: int(1, 6, undefined),
  motion_range: int(1, 10, undefined),
  aspect_ratio: choice(ASPECT_RATIOS, undefined),
  sound_effects: choice(YES_NO, undefined),
});
export type EditMediaForm = z.output<typeof editMediaForm>;

// ---- pose presets -------------------------------------------------------------------------

const KNOWN_PARAMS = [
  "CameraPath",
  "Prompt",
  "PromptStrength",
  "Quantity",
  "MotionAmount",
  "MotionLength",
  "Loop",
  "AspectRatio",
];

/** Splits "A=1|B=x=y" into ordered pairs; the value keeps any further "=". */
export function splitParams(params: string): [string, string][] {
  return params
    .split("|")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const i = part.indexOf("=");
      return i < 0 ? [part, ""] : [part.slice(0, i).trim(), part.slice(i + 1)];
    });
}

const paramsSchema = z.object({
  CameraPath: choice(CAMERA_PATHS, ""),
  Prompt: text(2000, ""),
  PromptStrength: int(0, 5, undefined),
  Quantity: int(1, 4, 1),
  MotionAmount: int(1, 10, 5),
  MotionLength: int(1, 10, 5),
  Loop: int(1, 6, 1),
  AspectRatio: choice(ASPECT_RATIOS, undefined),
});

const poseObject = z.object({
  MotionType: motionType("Auto"),
  Params: z
    .string("Input should be a valid string")
    .max(4000)
    .default("")
    .transform((s, ctx) => {
      const pairs = splitParams(s);
      const parsed = paramsSchema.safeParse(Object.fromEntries(pairs));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
        return z.NEVER;
      }
      return { values: parsed.data, extras: pairs.filter(([k]) => !KNOWN_PARAMS.includes(k)) };
    }),
});

function toPose(p: z.output<typeof poseObject>): Pose {
  const v = p.Params.values;
  return {
    motionType: p.MotionType,
    cameraPath: v.CameraPath,
    prompt: v.Prompt,
    promptStrength: v.PromptStrength ?? null,
    quantity: v.Quantity,
    motionAmount: v.MotionAmount,
    motionLength: v.MotionLength,
    loop: v.Loop,
    aspectRatio: v.AspectRatio ?? null,
    extras: p.Params.extras,
  };
}

const poseList = z
  .array(poseObject)
  .min(1, "List should have at least 1 item")
  .max(MAX_POSES, `List should have at most ${MAX_POSES} items`);

/** pose_preset: one object or a list of them (both appear upstream), or either as JSON text. */
export function parsePosePreset(raw: unknown): { success: true; data: Pose[] } | { success: false; error: z.ZodError } {
  const v = jsonObject(raw);
  if (Array.isArray(v)) {
    const r = poseList.safeParse(v);
    return r.success ? { success: true, data: r.data.map(toPose) } : { success: false, error: r.error };
  }
  const r = poseObject.safeParse(v);
  return r.success ? { success: true, data: [toPose(r.data)] } : { success: false, error: r.error };
}

/** Prints a pose back in upstream's Params syntax; "|" would split the prompt, so it is blanked. */
export function paramsString(p: Pose): string {
  const prompt = p.prompt.replace(/[|\r\n]+/g, " ");
  const parts: [string, string | number][] = [
    ["CameraPath", p.motionType === "Parallax" ? p.cameraPath || "HorizontalArc" : p.cameraPath],
    ["Prompt", prompt],
  ];
  if (p.promptStrength !== null) parts.push(["PromptStrength", p.promptStrength]);
  parts.push(
    ["Quantity", p.quantity],
    ["MotionAmount", p.motionAmount],
    ["MotionLength", p.motionLength],
    ["Loop", p.loop],
  );
  if (p.aspectRatio) parts.push(["AspectRatio", p.aspectRatio]);
  parts.push(...p.extras);
  return parts.map(([k, v]) => `${k}=${v}`).join("|");
}

/** The API's pose_preset: an object for one motion, a list for several. */
export function posePresetJson(poses: Pose[]): unknown {
  const list = poses.map((p) => ({ MotionType: p.motionType, Params: paramsString(p) }));
  return list.length === 1 ? list[0] : list;
}

export function poseFromForm(f: {
  motion_type: string;
  camera_control: CameraPath;
  prompt: string;
  quantity: number;
  duration: number;
  loop: number;
  motion_range: number;
  aspect_ratio?: AspectRatio;
}): Pose {
  return {
    motionType: f.motion_type,
    // Upstream only uses the camera path with Parallax and prints it empty otherwise.
    cameraPath: f.motion_type === "Parallax" ? f.camera_control : "",
    prompt: f.prompt,
    promptStrength: null,
    quantity: f.quantity,
    motionAmount: f.motion_range,
    motionLength: f.duration,
    loop: f.loop,
    aspectRatio: f.aspect_ratio ?? null,
    extras: [],
  };
}

// ---- submit_params ------------------------------------------------------------------------

const submitParamsSchema = z
  .unknown()
  .transform((v) => jsonObject(v) ?? {})
  .pipe(
    z.object({
      sound_effects: choice(YES_NO, "No"),
      pipeline_preset: choice(["Fast", "Normal"] as const, "Fast"),
      file_size: num(0, 1000, undefined),
      scale_factor: num(0, 2, undefined),
    }),
  );

export function submitParamsJson(
  soundEffects: boolean,
  given?: z.output<typeof submitParamsSchema>,
): Record<string, string> {
  return {
    sound_effects: soundEffects ? "Yes" : "No",
    pipeline_preset: given?.pipeline_preset ?? "Fast",
    file_size: given?.file_size !== undefined ? String(given.file_size) : "",
    scale_factor: given?.scale_factor !== undefined ? String(given.scale_factor) : "1",
  };
}

/** POST /media/upload: the `data` form field, a JSON document. */
export const uploadData = z.object({
  title: text(500, ""),
  description: text(5000, ""),
  visibility_status: choice(VISIBILITY, "1"),
  is_transition: choice(YES_NO, undefined),
  pose_preset: z.unknown().optional(),
  submit_params: submitParamsSchema.optional(),
  webhook_url: url(""),
  prompt: text(2000, ""),
  aspect_ratio: choice(ASPECT_RATIOS, undefined),
  model: text(64, ""),
});

/** POST /media/prompt: a JSON body. */
export const promptBody = uploadData.extend({
  rating: text(16, ""),
  primary_user_id: text(200, ""),
});

export type PoseSource = { pose_preset?: unknown; prompt: string; aspect_ratio?: AspectRatio };

/** Poses of an upload/prompt request; a top-level prompt or aspect ratio fills the gaps. */
export function posesFrom(
  src: PoseSource,
  loc: (string | number)[],
): { poses: Pose[] } | { issues: z.ZodError; loc: (string | number)[] } {
  const raw = src.pose_preset ?? { MotionType: "Auto", Params: "" };
  const parsed = parsePosePreset(raw);
  if (!parsed.success) return { issues: parsed.error, loc: [...loc, "pose_preset"] };
  const poses = parsed.data.map((p) => ({
    ...p,
    prompt: p.prompt || src.prompt,
    aspectRatio: p.aspectRatio ?? src.aspect_ratio ?? null,
  }));
  return { poses };
}

export function specOf(
  poses: Pose[],
  o: { soundEffects: boolean; model?: string; extendVideo?: boolean; characterAnimate?: boolean },
): GenerationSpec {
  return {
    poses,
    soundEffects: o.soundEffects,
    model: o.model ?? "",
    extendVideo: o.extendVideo ?? false,
    characterAnimate: o.characterAnimate ?? false,
  };
}

/** Credits a generation costs: one per video. */
export const costOf = (spec: GenerationSpec) => spec.poses.reduce((n, p) => n + p.quantity, 0);

/** The generation parameters an edit changes; null when the edit is free. */
export function applyEdit(spec: GenerationSpec, e: Partial<EditMediaForm>): GenerationSpec | null {
  const first = spec.poses[0];
  if (!first) return null;
  const differs = <T>(next: T | undefined, now: T) => next !== undefined && next !== now;
  const motionChanged = differs(e.motion_type, first.motionType);
  const changed =
    motionChanged ||
    spec.poses.some(
      (p) =>
        differs(e.prompt, p.prompt) ||
        differs(e.quantity, p.quantity) ||
        differs(e.duration, p.motionLength) ||
        differs(e.loop, p.loop) ||
        differs(e.motion_range, p.motionAmount) ||
        differs(e.aspect_ratio, p.aspectRatio ?? undefined) ||
        (p.motionType === "Parallax" && differs(e.camera_control, p.cameraPath || "HorizontalArc")),
    ) ||
    differs(e.sound_effects, spec.soundEffects ? "Yes" : "No");
  if (!changed) return null;
  // A new motion type replaces a multi-motion preset by one motion, as a form edit means it.
  const base = motionChanged
    ? [{ ...first, motionType: e.motion_type!, cameraPath: "" as const, extras: [] }]
    : spec.poses;
  const poses = base.map((p): Pose => {
    const isParallax = p.motionType === "Parallax";
    return {
      ...p,
      cameraPath: isParallax ? (e.camera_control ?? (p.cameraPath || "HorizontalArc")) : p.cameraPath,
      prompt: e.prompt ?? p.prompt,
      quantity: e.quantity ?? p.quantity,
      motionLength: e.duration ?? p.motionLength,
      loop: e.loop ?? p.loop,
      motionAmount: e.motion_range ?? p.motionAmount,
      aspectRatio: e.aspect_ratio ?? p.aspectRatio,
    };
  });
  return { ...spec, poses, soundEffects: e.sound_effects ? e.sound_effects === "Yes" : spec.soundEffects };
}
