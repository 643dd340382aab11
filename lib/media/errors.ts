import {
  BadRequestError,
  InsufficientCreditError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
} from "@/lib/vimmerse";
import type { CreateParams } from "./create-schema";
import { motionFor } from "./motions";

// A Vimmerse failure in the words of the person who clicked: the one mapping every action, page
// and route uses. `action` says what was being done, since "nothing was changed" is true of an
// edit and not of a create that is saved for a retry.

export type UpstreamAction = "create" | "change" | "download";
export type UpstreamFailure =
  | "credit"
  | "validation"
  | "unavailable"
  | "not_found"
  | "not_ready"
  | "too_small"
  | "rejected";

export type UpstreamProblem = {
  reason: UpstreamFailure;
  error: string;
  /** Form fields upstream refused (validation only), keyed by the Create form's field names. */
  fieldErrors?: Record<string, string[]>;
  /** For a route that answers with the problem itself. */
  httpStatus: number;
};

export const MEDIA_MISSING = "That video doesn't exist in this team.";

export const CREDIT_MESSAGE =
  "Not enough Vimmerse credits to make this video. Add credits to the team's Vimmerse account, then retry.";

export const UNAVAILABLE: Record<UpstreamAction, string> = {
  create: "Vimmerse could not be reached. Your video is saved as not submitted; retry in a moment.",
  change: "Vimmerse can't be reached right now. Nothing was changed; try again in a moment.",
  download: "Vimmerse can't be reached right now. Try the download again in a moment.",
};

const NOT_FOUND: Record<UpstreamAction, string> = {
  create: "Vimmerse could not find what this video was made from. Upload the inputs again.",
  change: "Vimmerse no longer has this video, so it can't be changed there. Remix it to make a new one.",
  download: "Vimmerse no longer has this video.",
};

const REFUSED: Record<UpstreamAction, string> = {
  create: "Vimmerse refused to make this video.",
  change: "Vimmerse refused the change.",
  download: "Vimmerse couldn't make that file.",
};

/**
 * Whether a failed call may still have reached upstream and been acted on (and charged): a
 * timeout, a dropped connection, a 5xx, an unreadable 2xx. Only a refusal upstream answered
 * (4xx) or a connection that never opened proves it was not.
 */
export function mayHaveReachedUpstream(err: unknown): boolean {
  if (err instanceof UpstreamUnavailableError) return !err.neverSent;
  // A refusal upstream answered (4xx), or the client's own check before sending (no status).
  if (err instanceof VimmerseError) return err.status !== null && err.status >= 500;
  return true;
}

/** A trashed video spends nothing until it is restored. */
export const IN_TRASH = "This video is in the Trash; restore it first.";

export const UNCLEAR: Record<Exclude<UpstreamAction, "download">, string> = {
  create:
    "Vimmerse did not confirm it received this video. We are checking with Vimmerse instead of sending it again, which could charge twice.",
  change:
    "Vimmerse did not confirm it received this request. We are checking with Vimmerse instead of sending it again, which could charge twice.",
};

export function describeUpstreamError(
  err: unknown,
  action: UpstreamAction,
  params?: Pick<CreateParams, "motionType" | "extendVideo">,
): UpstreamProblem {
  if (err instanceof InsufficientCreditError) return { reason: "credit", error: CREDIT_MESSAGE, httpStatus: 402 };
  if (err instanceof ValidationError) return refusedSettings(err, params);
  if (err instanceof UpstreamUnavailableError || err instanceof RateLimitedError) {
    return { reason: "unavailable", error: UNAVAILABLE[action], httpStatus: 503 };
  }
  if (err instanceof NotFoundError) return { reason: "not_found", error: NOT_FOUND[action], httpStatus: 404 };
  if (err instanceof UnauthorizedError) {
    return {
      reason: "rejected",
      error: "Vimmerse refused the studio's API key. Ask an admin to check VIMMERSE_API_KEY.",
      httpStatus: 502,
    };
  }
  if (err instanceof BadRequestError && err.code === "FILE_SIZE_TOO_SMALL") {
    return {
      reason: "too_small",
      error: "That file size is too small for this video. Pick a larger cap.",
      httpStatus: 422,
    };
  }
  if (err instanceof BadRequestError && err.code === "MEDIA_NOT_READY") {
    return { reason: "not_ready", error: "This video isn't ready yet.", httpStatus: 409 };
  }
  if (err instanceof VimmerseError) {
    // The code goes to the log, not to the person: it means nothing to them.
    console.warn(`[vimmerse] ${action} refused: ${err.status ?? "-"} ${err.code ?? err.message}`);
    return {
      reason: "rejected",
      error: `${REFUSED[action]} Try again later, or change the settings.`,
      httpStatus: 502,
    };
  }
  // Anything else is unexpected (a network stack error thrown raw, say): keep it retryable.
  console.error(`[vimmerse] ${action}: unexpected error`, err);
  return { reason: "unavailable", error: UNAVAILABLE[action], httpStatus: 503 };
}

function refusedSettings(
  err: ValidationError,
  params?: Pick<CreateParams, "motionType" | "extendVideo">,
): UpstreamProblem {
  const { form, ...fields } = params ? toFormFields(err.fields, params) : { form: Object.values(err.fields).flat() };
  if (Object.keys(fields).length > 0) {
    return {
      reason: "validation",
      error: "Vimmerse refused some settings; see the highlighted fields.",
      fieldErrors: fields,
      httpStatus: 422,
    };
  }
  const said = form?.join(" ").replace(/\.$/, "") || "invalid settings";
  return { reason: "validation", error: `Vimmerse refused the request: ${said}.`, httpStatus: 422 };
}

/** Upstream field names (and the client's own checks, which use them too) → the Create form's. */
export function toFormFields(
  fields: Record<string, string[]>,
  params: Pick<CreateParams, "motionType" | "extendVideo">,
): Record<string, string[]> {
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
