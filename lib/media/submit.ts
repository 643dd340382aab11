import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaInput } from "@/db/media-schema";
import { getMediaForTeam } from "@/db/queries/media";
import { claimSubmission, recordSubmitOutcome, type SubmitOutcome } from "@/db/queries/media-create";
import { signFileUrl } from "@/lib/storage/signed-url";
import type { Storage } from "@/lib/storage/types";
import {
  InsufficientCreditError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
  type CreateMediaInput,
  type FileInput,
  type MediaItemInput,
  type VimmerseClient,
} from "@/lib/vimmerse";
import { createParamsSchema, type CreateParams } from "./create-schema";
import { CHARACTER_MODEL, motionFor } from "./motions";
import { fromUpstreamStatus } from "./status";
import { newWebhookSecret, webhookUrl } from "./webhook-secret";

// Sends a recorded media upstream, once. The media row exists before the call (so a crash or a
// timeout leaves something to retry, never an orphan upstream job); the webhook secret is
// rotated as the claim, so two concurrent retries cannot both create upstream.

export type SubmitContext = {
  teamId: string;
  appUrl: string;
  /** Signs links to stored files that upstream must fetch itself (AUTH_SECRET). */
  fileSecret: string;
};

export type SubmitFailure = "credit" | "validation" | "unavailable" | "busy" | "not_found" | "rejected";
export type SubmitResult =
  | { ok: true; mediaId: string; status: string }
  | { ok: false; mediaId: string; reason: SubmitFailure; error: string; fieldErrors?: Record<string, string[]> };

export const CREDIT_MESSAGE = "Not enough Vimmerse credits to make this video. Add credits to the team's Vimmerse account, then retry.";
export const UNAVAILABLE_MESSAGE = "Vimmerse could not be reached. Your video is saved as not submitted; retry in a moment.";

export async function submitMedia(
  db: DbOrTx,
  client: VimmerseClient,
  storage: Storage,
  mediaId: string,
  ctx: SubmitContext,
): Promise<SubmitResult> {
  const fail = (reason: SubmitFailure, error: string, fieldErrors?: Record<string, string[]>): SubmitResult => ({
    ok: false,
    mediaId,
    reason,
    error,
    ...(fieldErrors ? { fieldErrors } : {}),
  });
  const media = await getMediaForTeam(db, ctx.teamId, mediaId);
  if (!media) return fail("not_found", "That video doesn't exist in this team.");
  // Already upstream: a repeated submit is a no-op, never a second job.
  if (media.upstreamId || media.status !== "not_submitted") return { ok: true, mediaId, status: media.status };

  const parsed = createParamsSchema.safeParse(media.params);
  if (!parsed.success) return fail("validation", "The saved settings of this video are no longer valid; create it again.");
  const params = parsed.data;

  let input: CreateMediaInput;
  try {
    input = await buildCreateInput(params, media.inputs, storage, (key) => signFileUrl(ctx.appUrl, key, ctx.fileSecret));
  } catch (err) {
    if (err instanceof MissingInput) {
      // Written only if nobody has claimed the media since it was read.
      await recordSubmitOutcome(db, ctx.teamId, mediaId, media.webhookSecretHash, { ok: false, error: err.message });
      return fail("validation", err.message, { [err.field]: [err.message] });
    }
    throw err;
  }

  const { secret, hash } = newWebhookSecret();
  if (!(await claimSubmission(db, ctx.teamId, mediaId, media.webhookSecretHash, hash))) {
    return fail("busy", "This video is being submitted already.");
  }

  let created: Awaited<ReturnType<VimmerseClient["createMedia"]>>;
  try {
    created = await client.createMedia({ ...input, webhook_url: webhookUrl(ctx.appUrl, secret) });
  } catch (err) {
    const failure = describeFailure(err, params);
    await recordSubmitOutcome(db, ctx.teamId, mediaId, hash, { ok: false, error: failure.error });
    return fail(failure.reason, failure.error, failure.fieldErrors);
  }

  // Upstream has the job (and has charged for it) from here on: never report a failure that
  // invites a retry. A failed write leaves the in-flight mark, so no retry sends it again.
  const status = fromUpstreamStatus(created.processingStatus);
  const outcome: SubmitOutcome = {
    ok: true,
    upstreamId: created.id,
    // The raw answer echoes webhook_url, which carries the secret: never store it.
    upstream: withoutWebhookUrl(created.raw),
    status,
    serviceName: created.serviceName,
    serviceVersion: created.serviceVersion,
    progress: Math.max(0, Math.min(100, Math.round(created.progressPercentage))),
    bulletVersion: created.bulletVersion == null ? null : String(created.bulletVersion),
  };
  const record = () => recordSubmitOutcome(db, ctx.teamId, mediaId, hash, outcome);
  const recorded = await record().catch(async (err: unknown) => {
    console.error(`submitMedia: upstream accepted ${created.id} for media ${mediaId}; recording failed, trying once more:`, err);
    await new Promise((r) => setTimeout(r, 500));
    return record();
  });
  if (!recorded) console.error(`submitMedia: upstream accepted ${created.id} for media ${mediaId} after its claim was taken over; left unrecorded`);
  return { ok: true, mediaId, status };
}

export function withoutWebhookUrl(raw: Record<string, unknown>): Record<string, unknown> {
  const { webhook_url: _secret, ...rest } = raw;
  return rest;
}

function describeFailure(err: unknown, params: CreateParams): { reason: SubmitFailure; error: string; fieldErrors?: Record<string, string[]> } {
  if (err instanceof InsufficientCreditError) return { reason: "credit", error: CREDIT_MESSAGE };
  if (err instanceof ValidationError) {
    const fieldErrors = toFormFields(err.fields, params);
    const first = Object.entries(fieldErrors).find(([k]) => k !== "form");
    const error = first ? "Vimmerse refused some settings; see the highlighted fields." : `Vimmerse refused the request: ${fieldErrors.form?.join(" ") ?? "invalid settings"}.`;
    return { reason: "validation", error, fieldErrors };
  }
  if (err instanceof UpstreamUnavailableError || err instanceof RateLimitedError) return { reason: "unavailable", error: UNAVAILABLE_MESSAGE };
  if (err instanceof UnauthorizedError) {
    return { reason: "rejected", error: "Vimmerse refused the studio's API key. Ask an admin to check VIMMERSE_API_KEY." };
  }
  if (err instanceof VimmerseError) return { reason: "rejected", error: `Vimmerse refused the request (${err.code ?? err.status ?? "error"}).` };
  // Anything else is unexpected (a network stack error thrown raw, say): keep it retryable.
  console.error("submitMedia: unexpected error", err);
  return { reason: "unavailable", error: UNAVAILABLE_MESSAGE };
}

/** Upstream field names (and the client's own checks, which use them too) → the form's. */
export function toFormFields(fields: Record<string, string[]>, params: Pick<CreateParams, "motionType" | "extendVideo">): Record<string, string[]> {
  const tryOn = motionFor(params.motionType).tryOn;
  const images = tryOn ? "personImage" : "firstImage";
  const map: Record<string, string> = {
    title: "title",
    description: "description",
    visibility_status: "visibility",
    image_files: images,
    image_urls: images,
    media_items: params.extendVideo ? "videoAssetId" : images,
    extend_video: "videoAssetId",
    prompt: "prompt",
    motion_type: "motionType",
    camera_control: "cameraPath",
    quantity: "quantity",
    duration: "duration",
    loop: "loop",
    motion_range: "motionAmount",
    sound_effects: "soundEffects",
    character_animate: "characterAnimate",
    model: tryOn ? "tryOnModel" : "motionType",
    aspect_ratio: "aspectRatio",
  };
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fields)) {
    const field = map[key.split(".")[0] ?? ""] ?? "form";
    (out[field] ??= []).push(...messages.map((m) => (field === "form" && key !== "_" ? `${key}: ${m}` : m)));
  }
  return out;
}

class MissingInput extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_OF_ROLE: Record<MediaInput["role"], string> = {
  first: "firstImage",
  last: "lastImage",
  person: "personImage",
  garment: "garmentImage",
  video: "videoAssetId",
};

async function readFile(storage: Storage, input: MediaInput): Promise<FileInput> {
  const file = input.key ? await storage.get(input.key) : null;
  if (!file) throw new MissingInput(FIELD_OF_ROLE[input.role], "This image is no longer in the studio's storage; upload it again.");
  const data = new Uint8Array(await new Response(file.body).arrayBuffer());
  return { data, filename: input.name || `${input.role}.${(input.contentType ?? "image/png").split("/")[1]}`, contentType: input.contentType ?? file.contentType };
}

/**
 * The API call for stored params and inputs. Images go as links when every one has a public
 * URL, as files when none has; a mix goes as media_items with signed links, because upstream
 * ignores image_urls whenever image_files are sent.
 */
export async function buildCreateInput(
  params: CreateParams,
  inputs: MediaInput[],
  storage: Storage,
  signedUrl: (key: string) => string,
): Promise<CreateMediaInput> {
  const motion = motionFor(params.motionType);
  const input: CreateMediaInput = {
    title: params.title,
    description: params.description,
    visibility_status: params.visibility,
    prompt: params.prompt,
    motion_type: params.motionType,
    quantity: params.quantity,
    duration: params.duration,
    loop: params.loop,
    motion_range: params.motionAmount,
    sound_effects: params.soundEffects ? "Yes" : "No",
    aspect_ratio: params.aspectRatio,
  };
  if (motion.cameraPath) input.camera_control = params.cameraPath;
  if (motion.tryOn) input.model = params.tryOnModel;
  if (params.characterAnimate) {
    input.character_animate = "Yes";
    input.model = CHARACTER_MODEL;
  }

  if (params.extendVideo) {
    const video = inputs.find((i) => i.role === "video");
    if (!video?.key && !video?.url) throw new MissingInput("videoAssetId", "Pick the video to extend again.");
    input.extend_video = "Yes";
    input.media_items = [{ type: "video", url: video.key ? signedUrl(video.key) : video.url!, position: "First" }];
    return input;
  }

  const order: MediaInput["role"][] = motion.tryOn ? ["person", "garment"] : ["first", "last"];
  const images = order.map((role) => inputs.find((i) => i.role === role)).filter((i): i is MediaInput => Boolean(i));
  if (images.length === 0) return input;
  if (images.every((i) => i.url)) {
    input.image_urls = images.map((i) => i.url!);
  } else if (images.every((i) => !i.url)) {
    input.image_files = await Promise.all(images.map((i) => readFile(storage, i)));
  } else {
    input.media_items = images.map(
      (i, n): MediaItemInput => ({ type: "image", url: i.url ?? signedUrl(i.key!), position: n === 0 ? "First" : "Last" }),
    );
  }
  return input;
}
