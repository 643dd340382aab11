import { z } from "zod";
import { isUuid } from "@/db/ids";
import { linksToPrivateHost, PRIVATE_LINK_MESSAGE } from "@/lib/http/address";
import { ASPECT_RATIOS, CAMERA_PATH_IDS, MOTION_TYPES, type Motion, motionFor, TRY_ON_MODEL_IDS } from "./motions";

// One schema for the Create form (client, live errors) and createMediaAction (server, the
// authority). Ranges are the API's; the cross-field rules mirror what the reference says each
// motion type can take. Field names are the form's; lib/media/submit.ts maps them upstream.

/** An upload is referenced by its id; anything else in an image field is a link. */
export const isUploadRef = (v: string) => isUuid(v);

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/** Empty strings from the form mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An image slot: an upload's id (from our uploads table) or a public http(s) link. */
const imageRef = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(2048, "That link is too long.")
    .refine((v) => isUploadRef(v) || isHttpUrl(v), "Upload an image or paste a link that starts with https://.")
    // A loopback or private address (in any spelling), or localhost, is refused as typed: no one
    // should be pointed at the studio's own network.
    .refine((v) => isUploadRef(v) || !linksToPrivateHost(v), PRIVATE_LINK_MESSAGE)
    .optional(),
);

/** Checkboxes send "on"; stored params and upstream use "Yes"/booleans. */
const flag = z.preprocess((v) => v === true || v === "on" || v === "Yes" || v === "true" || v === "1", z.boolean());

const int = (label: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label} must be a number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be between ${min} and ${max}.`)
      .max(max, `${label} must be between ${min} and ${max}.`)
      .default(fallback),
  );

const text = (label: string, max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`));

/** The generation parameters: what a resubmission may change (and what costs credits upstream). */
export const generationShape = {
  motionType: z.enum(MOTION_TYPES, { error: "Pick a motion type." }).default("Auto"),
  prompt: text("The prompt", 2000),
  quantity: int("Quantity", 1, 4, 1),
  duration: int("Duration", 1, 10, 5),
  loop: int("Loop", 1, 6, 1),
  aspectRatio: z.enum(ASPECT_RATIOS, { error: "Pick one of the listed aspect ratios." }).default("16:9"),
  soundEffects: flag.default(false),
};

const baseShape = {
  ...generationShape,
  cameraPath: z.preprocess(
    blankToUndefined,
    z.enum(CAMERA_PATH_IDS, { error: "Pick a camera path." }).default("HorizontalArc"),
  ),
  motionAmount: int("Motion amount", 1, 10, 5),
  tryOnModel: z.preprocess(
    blankToUndefined,
    z.enum(TRY_ON_MODEL_IDS, { error: "Pick a try-on model." }).default("FashnTryOn"),
  ),
  characterAnimate: flag.default(false),
  extendVideo: flag.default(false),
  firstImage: imageRef,
  lastImage: imageRef,
  personImage: imageRef,
  garmentImage: imageRef,
  /** A media_assets row (kind mp4) of one of the team's finished videos. */
  videoAssetId: z.preprocess(
    blankToUndefined,
    z.string().refine(isUuid, "Pick one of your team's finished videos.").optional(),
  ),
  title: text("The title", 200),
  description: text("The description", 2000),
  visibility: z.enum(["0", "1", "2"], { error: "Pick who can see it." }).default("0"),
};

type Base = z.output<z.ZodObject<typeof baseShape>>;

/** The rules the API states in prose; each failure lands on the field the user must change. */
function rules(v: Base, ctx: z.RefinementCtx) {
  const m: Motion = motionFor(v.motionType);
  const add = (field: keyof Base, message: string) => ctx.addIssue({ code: "custom", path: [field], message });

  if (m.tryOn) {
    if (!v.personImage) add("personImage", "Try-on needs a photo of the person.");
    if (!v.garmentImage) add("garmentImage", "Try-on needs a photo of the garment.");
    if (v.firstImage || v.lastImage) add("firstImage", "Try-on uses the person and garment photos only.");
    if (v.extendVideo) add("extendVideo", "Try-on cannot extend a video.");
    if (v.characterAnimate) add("characterAnimate", "Try-on cannot be combined with character animation.");
    return;
  }
  if (v.personImage || v.garmentImage) add("personImage", "Person and garment photos are for try-on only.");

  if (v.extendVideo) {
    if (!m.extend) add("motionType", `${m.label} cannot extend a video; pick an AI motion such as Auto or Kling.`);
    if (!v.videoAssetId) add("videoAssetId", "Pick the video to extend.");
    if (v.firstImage || v.lastImage) add("firstImage", "Extending continues the video itself; remove the images.");
    if (v.characterAnimate) add("characterAnimate", "Pick either extend or character animation.");
    return;
  }
  if (v.videoAssetId && !v.characterAnimate)
    add("videoAssetId", "A video is only used to extend it or to animate a character.");

  if (v.characterAnimate && !v.firstImage) add("firstImage", "Character animation needs a photo of the character.");
  if (m.image === "required" && !v.firstImage) add("firstImage", `${m.label} needs a photo.`);
  if (v.lastImage && !v.firstImage) add("firstImage", "Add the first frame before the last one.");
  if (v.lastImage && !m.lastFrame) {
    add(
      "lastImage",
      `${m.label} makes a video from one image; remove the last frame or pick Auto, Kling AI Pro, Luma AI or Runway.`,
    );
  }
  if (v.lastImage && v.characterAnimate) add("lastImage", "Character animation uses one photo.");
  if (!v.firstImage && !v.prompt) add("prompt", "Write a prompt, or add a photo.");
}

export const createParamsSchema = z.object(baseShape).superRefine(rules);

/** What the Create form posts: the parameters plus the team and a per-render idempotency key. */
export const createFormSchema = z
  .object({
    ...baseShape,
    idempotencyKey: z.string().refine(isUuid, "This form has expired; reload the page."),
  })
  .superRefine(rules);

export type CreateParams = z.output<typeof createParamsSchema>;
export type CreateFormInput = z.input<typeof createFormSchema>;

/** The form's starting values (a fresh Create). */
export const CREATE_DEFAULTS: CreateParams = z.object(baseShape).parse({});

/** Parses FormData (strings) with the same rules as the client. */
export function parseCreateForm(formData: FormData) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of formData) if (typeof v === "string") raw[k] = v;
  return createFormSchema.safeParse(raw);
}

/** Where the pictures come from, in words. */
export function describeInputs(
  p: Pick<CreateParams, "motionType" | "firstImage" | "lastImage" | "extendVideo" | "characterAnimate">,
): string {
  if (motionFor(p.motionType).tryOn) return "a try-on of the garment on the person";
  if (p.extendVideo) return "continuing one of your videos";
  if (p.characterAnimate) return "animating your character";
  if (p.firstImage && p.lastImage) return "from your first frame to your last";
  if (p.firstImage) return "from your photo";
  return "from your prompt";
}

/** The live summary above the submit button: "2 videos × 5 s, 16:9, with sound". */
export function summarize(
  p: Pick<CreateParams, "quantity" | "duration" | "aspectRatio" | "soundEffects" | "loop">,
): string {
  const parts = [`${p.quantity} video${p.quantity === 1 ? "" : "s"} × ${p.duration} s`, p.aspectRatio];
  if (p.loop > 1) parts.push(`motion repeated ${p.loop}×`);
  parts.push(p.soundEffects ? "with sound" : "silent");
  return parts.join(", ");
}

/** For resubmission (edit): only the parameters that regenerate the video. */
export const generationSchema = z.object(generationShape);
export type GenerationParams = z.output<typeof generationSchema>;

/** Stored params read back for a remix: the rules are not applied (inputs may be gone), bad fields fall back. */
export function readStoredParams(raw: unknown): CreateParams {
  const loose = z.object(baseShape);
  const whole = loose.safeParse(raw);
  if (whole.success) return whole.data;
  const obj = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const kept = Object.fromEntries(
    Object.entries(obj).filter(
      ([k, v]) => k in baseShape && loose.shape[k as keyof typeof baseShape].safeParse(v).success,
    ),
  );
  return loose.parse(kept);
}
