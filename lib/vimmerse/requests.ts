import { z } from "zod";
import { addField, fieldKey, validationError } from "./errors";
import { buildParams, type PoseParamsInput } from "./params";

// Request inputs use upstream's own field names so the reference reads straight onto them. Each
// is checked against the reference's ranges before anything is sent: a typo should cost a field
// message, not a credit.

export const ASPECT_RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type VisibilityInput = "0" | "1" | "2";
export type YesNoInput = boolean | "Yes" | "No";

export type FileInput = { data: Blob | Uint8Array; filename: string; contentType?: string };

export type MediaItemInput = { type: "image" | "video"; url: string; position: "First" | "Last" };

export type PosePresetInput =
  | { motionType: string; params?: PoseParamsInput | string }
  /** Upstream's wire form, passed through untouched (e.g. a preset copied from a response). */
  | { MotionType: string; Params?: string };

export type SubmitParamsInput = {
  scale_factor?: string | number;
  pipeline_preset?: "Fast" | "Normal" | (string & {});
  /** Maximum file size of each video in MB. */
  file_size?: string | number;
  sound_effects?: YesNoInput;
};

export type CreateMediaInput = {
  title?: string;
  description?: string;
  /** Upstream defaults to "1" (unlisted); "0" is private. */
  visibility_status?: VisibilityInput;
  image_files?: FileInput[];
  /** Ignored upstream when image_files are given. */
  image_urls?: string[];
  media_items?: MediaItemInput[];
  prompt?: string;
  motion_type?: string;
  camera_control?: string;
  quantity?: number;
  duration?: number;
  loop?: number;
  motion_range?: number;
  sound_effects?: YesNoInput;
  extend_video?: YesNoInput;
  character_animate?: YesNoInput;
  model?: string;
  aspect_ratio?: AspectRatio;
  webhook_url?: string;
};

// visibility_status is not in the reference's list for upload/prompt, but a team app must be
// able to keep media private on every create path; FastAPI ignores fields it does not know.
export type UploadDataInput = {
  title?: string;
  description?: string;
  visibility_status?: VisibilityInput;
  is_transition?: YesNoInput;
  pose_preset: PosePresetInput | PosePresetInput[];
  submit_params?: SubmitParamsInput;
  webhook_url?: string;
};

export type CreateMediaUploadInput = { data: UploadDataInput; images: FileInput[] };

export type CreateMediaFromPromptInput = {
  title?: string;
  description?: string;
  visibility_status?: VisibilityInput;
  pose_preset: PosePresetInput | PosePresetInput[];
  submit_params?: SubmitParamsInput;
  webhook_url?: string;
  primary_user_id?: string;
  rating?: string | number;
};

export type EditMediaPatch = {
  title?: string;
  description?: string;
  rating?: string | number;
  visibility_status?: VisibilityInput;
  webhook_url?: string;
  prompt?: string;
  motion_type?: string;
  quantity?: number;
  duration?: number;
  loop?: number;
  aspect_ratio?: AspectRatio;
  sound_effects?: YesNoInput;
};

/** The edit fields that make upstream regenerate the video, and charge for it. */
export const RESUBMIT_FIELDS = [
  "prompt",
  "motion_type",
  "quantity",
  "duration",
  "loop",
  "aspect_ratio",
  "sound_effects",
] as const;

export function editSpendsCredits(patch: EditMediaPatch): boolean {
  return RESUBMIT_FIELDS.some((k) => patch[k] !== undefined);
}

// ---- schemas ---------------------------------------------------------------------------

const int = (min: number, max: number) =>
  z.number().int(`must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const yesNo = z
  .union([z.boolean(), z.enum(["Yes", "No"])])
  .transform((v) => (v === true || v === "Yes" ? "Yes" : "No"));
const visibility = z.enum(["0", "1", "2"], { error: 'must be "0" (private), "1" (unlisted) or "2" (public)' });
const aspectRatio = z.enum(ASPECT_RATIOS, { error: `must be one of ${ASPECT_RATIOS.join(", ")}` });
const nonEmpty = z.string().trim().min(1, "must not be empty");
const rating = z.union([z.number().finite(), z.string()]).transform(String);

const file = z.object({
  data: z.custom<Blob | Uint8Array>(
    (v) => v instanceof Blob || v instanceof Uint8Array,
    "must be a Blob or Uint8Array",
  ),
  filename: nonEmpty,
  contentType: z.string().optional(),
});

const mediaItem = z.object({
  type: z.enum(["image", "video"]),
  url: httpUrl,
  position: z.enum(["First", "Last"]),
});

const poseParams = z.object({
  cameraPath: z.string().optional(),
  prompt: z.string().optional(),
  promptStrength: int(1, 5).optional(),
  quantity: int(1, 4).optional(),
  motionAmount: int(1, 10).optional(),
  motionLength: int(1, 10).optional(),
  loop: int(1, 6).optional(),
  aspectRatio: aspectRatio.optional(),
  extra: z.record(z.string(), z.string()).optional(),
});

type WirePosePreset = { MotionType: string; Params: string };

// One object schema rather than a union of the two spellings, so a bad value inside a typed
// preset is reported at its own path instead of as an opaque "invalid input".
const posePreset = z
  .object({
    MotionType: nonEmpty.optional(),
    Params: z.string().optional(),
    motionType: nonEmpty.optional(),
    params: z.union([z.string(), poseParams]).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.MotionType === undefined && p.motionType === undefined) {
      ctx.addIssue({ code: "custom", path: ["motionType"], message: "is required" });
    }
  })
  .transform((p): WirePosePreset => {
    if (p.MotionType !== undefined) return { MotionType: p.MotionType, Params: p.Params ?? "" };
    return {
      MotionType: p.motionType ?? "",
      Params: typeof p.params === "string" ? p.params : buildParams(p.params ?? {}),
    };
  });

const presetList = z.array(posePreset).min(1, "needs at least one pose preset");

// Chosen by shape, not z.union: a union of refined schemas reports only "invalid input".
const posePresets = z.unknown().transform((v, ctx): WirePosePreset | WirePosePreset[] => {
  const r = Array.isArray(v) ? presetList.safeParse(v) : posePreset.safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

const submitParams = z
  .object({
    scale_factor: z
      .union([z.number().gt(0).max(2), z.string()])
      .transform(String)
      .optional(),
    pipeline_preset: z.string().optional(),
    file_size: z.union([z.number().positive(), z.string()]).transform(String).optional(),
    sound_effects: yesNo.optional(),
  })
  .transform((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Record<string, string>);

export const createMediaSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  visibility_status: visibility.optional(),
  image_files: z.array(file).optional(),
  image_urls: z.array(httpUrl).optional(),
  media_items: z.array(mediaItem).optional(),
  prompt: z.string().optional(),
  motion_type: nonEmpty.optional(),
  camera_control: nonEmpty.optional(),
  quantity: int(1, 4).optional(),
  duration: int(1, 10).optional(),
  loop: int(1, 6).optional(),
  motion_range: int(1, 10).optional(),
  sound_effects: yesNo.optional(),
  extend_video: yesNo.optional(),
  character_animate: yesNo.optional(),
  model: nonEmpty.optional(),
  aspect_ratio: aspectRatio.optional(),
  webhook_url: httpUrl.optional(),
});

export const createMediaUploadSchema = z.object({
  data: z.object({
    title: z.string().optional(),
    description: z.string().optional(),
    visibility_status: visibility.optional(),
    is_transition: yesNo.optional(),
    pose_preset: posePresets,
    submit_params: submitParams.optional(),
    webhook_url: httpUrl.optional(),
  }),
  images: z.array(file).min(1, "needs at least one image"),
});

export const createMediaFromPromptSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  visibility_status: visibility.optional(),
  pose_preset: posePresets,
  submit_params: submitParams.optional(),
  webhook_url: httpUrl.optional(),
  primary_user_id: z.string().optional(),
  rating: rating.optional(),
});

export const editMediaSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    rating: rating.optional(),
    visibility_status: visibility.optional(),
    webhook_url: httpUrl.optional(),
    prompt: z.string().optional(),
    motion_type: nonEmpty.optional(),
    quantity: int(1, 4).optional(),
    duration: int(1, 10).optional(),
    loop: int(1, 6).optional(),
    aspect_ratio: aspectRatio.optional(),
    sound_effects: yesNo.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: "nothing to update" });

/** Parses or throws a client-side ValidationError (status null): nothing is sent. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string[]> = {};
  for (const issue of r.error.issues) addField(fields, fieldKey(issue.path), issue.message);
  throw validationError(fields, { body: r.error.issues });
}

// ---- encoding --------------------------------------------------------------------------

function toBlob(f: z.output<typeof file>): Blob {
  if (f.data instanceof Blob) {
    return f.contentType && f.contentType !== f.data.type ? new Blob([f.data], { type: f.contentType }) : f.data;
  }
  // Blob copies only the viewed bytes; slice() just gives the ArrayBuffer-backed type BlobPart wants.
  return new Blob([f.data.slice()], { type: f.contentType ?? "application/octet-stream" });
}

function appendScalars(form: FormData, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    form.append(k, String(v));
  }
}

export function encodeCreateMedia(input: z.output<typeof createMediaSchema>): FormData {
  const { image_files, image_urls, media_items, ...scalars } = input;
  const form = new FormData();
  appendScalars(form, scalars);
  for (const url of image_urls ?? []) form.append("image_urls", url);
  if (media_items) form.append("media_items", JSON.stringify(media_items));
  for (const f of image_files ?? []) form.append("image_files", toBlob(f), f.filename);
  return form;
}

export function encodeCreateMediaUpload(input: z.output<typeof createMediaUploadSchema>): FormData {
  const form = new FormData();
  form.append("data", JSON.stringify(input.data));
  for (const f of input.images) form.append("image", toBlob(f), f.filename);
  return form;
}

export function encodeCreateMediaFromPrompt(input: z.output<typeof createMediaFromPromptSchema>): string {
  return JSON.stringify(input);
}

export function encodeEditMedia(patch: z.output<typeof editMediaSchema>): FormData {
  const form = new FormData();
  appendScalars(form, patch);
  return form;
}
