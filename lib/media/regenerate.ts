import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getMediaForTeam, type Media } from "@/db/queries/media";
import { recordGeneration, reopenForGeneration, undoReopen, updateMediaDetails } from "@/db/queries/media-history";
import { fieldErrorsOf, type FormState } from "@/lib/form-state";
import { createParamsSchema, generationSchema, readStoredParams, type CreateParams } from "@/lib/media/create-schema";
import { fromUpstreamStatus, isInFlight } from "@/lib/media/status";
import { CREDIT_MESSAGE, toFormFields, withoutWebhookUrl } from "@/lib/media/submit";
import {
  BadRequestError,
  type EditMediaPatch,
  InsufficientCreditError,
  type Media as UpstreamMedia,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
  type VimmerseClient,
} from "@/lib/vimmerse";

// The detail page's writes, free of Next's request APIs so tests drive them directly;
// actions.ts adds the session and the cache. The caller has already authorized the team.

export type Deps = { db: DbOrTx; client: VimmerseClient };
export type Who = { teamId: string; userId: string };

const MISSING = "That video doesn't exist in this team.";
const DOWN = "Vimmerse can't be reached right now. Nothing was changed; try again in a moment.";
const BUSY = "This video is rendering. Wait until it has finished, then try again.";
const mediaId = z.uuid(MISSING);

/** An upstream failure, as the person who clicked wants to hear it. */
export function describeUpstreamError(err: unknown, params?: Pick<CreateParams, "motionType" | "extendVideo">): FormState {
  if (err instanceof InsufficientCreditError) return { error: CREDIT_MESSAGE };
  if (err instanceof ValidationError) {
    const fieldErrors = params ? toFormFields(err.fields, params) : {};
    const { form, ...fields } = fieldErrors;
    if (Object.keys(fields).length) return { error: "Vimmerse refused some settings; see the highlighted fields.", fieldErrors: fields };
    return { error: `Vimmerse refused the request: ${(form ?? Object.values(err.fields).flat()).join(" ") || "invalid settings"}.` };
  }
  if (err instanceof UpstreamUnavailableError || err instanceof RateLimitedError) return { error: DOWN };
  if (err instanceof NotFoundError) return { error: "Vimmerse no longer has this video, so it can't be changed there. Remix it to make a new one." };
  if (err instanceof UnauthorizedError) return { error: "Vimmerse refused the studio's API key. Ask an admin to check VIMMERSE_API_KEY." };
  if (err instanceof BadRequestError || err instanceof VimmerseError) return { error: `Vimmerse refused the request (${err.code ?? err.status ?? "error"}).` };
  console.error("media action: unexpected error", err);
  return { error: DOWN };
}

// ---- free fields ---------------------------------------------------------------------------

const text = (label: string, max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, `${label} can be at most ${max} characters.`));

export const detailsSchema = z.object({
  mediaId,
  title: text("The title", 200),
  description: text("The description", 2000),
  rating: z.preprocess((v) => (v == null || v === "none" ? "" : v), z.enum(["", "1", "2", "3", "4", "5"], { error: "Pick a rating from 1 to 5, or none." })),
  visibility: z.enum(["0", "1", "2"], { error: "Pick who can see it." }),
});

/** Title, description, rating and visibility: free upstream, so no confirmation is asked. */
export async function editDetailsAs(deps: Deps, who: Who, input: Record<string, unknown>): Promise<FormState> {
  const parsed = detailsSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const d = parsed.data;
  const media = await getMediaForTeam(deps.db, who.teamId, d.mediaId);
  if (!media) return { error: MISSING };
  let note = "";
  if (media.upstreamId) {
    try {
      await deps.client.editMedia(media.upstreamId, { title: d.title, description: d.description, rating: d.rating, visibility_status: d.visibility });
    } catch (err) {
      // Upstream lost it: the studio's own record is still worth correcting.
      if (!(err instanceof NotFoundError)) return describeUpstreamError(err);
      note = " (Vimmerse no longer has this video, so only the studio's copy changed.)";
    }
  }
  await updateMediaDetails(deps.db, who.teamId, media.id, { title: d.title, description: d.description, rating: d.rating || null, visibility: d.visibility });
  return { ok: true, message: `Saved.${note}` };
}

// ---- new generations (they spend credits) --------------------------------------------------

const PATCH_KEYS = {
  prompt: "prompt",
  motionType: "motion_type",
  quantity: "quantity",
  duration: "duration",
  loop: "loop",
  aspectRatio: "aspect_ratio",
  soundEffects: "sound_effects",
} as const satisfies Record<keyof z.output<typeof generationSchema>, keyof EditMediaPatch>;

/** Only what changed goes upstream: upstream regenerates (and charges) on any of these. */
function changedPatch(before: CreateParams, after: CreateParams): EditMediaPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, wire] of Object.entries(PATCH_KEYS) as [keyof typeof PATCH_KEYS, keyof EditMediaPatch][]) {
    if (before[field] === after[field]) continue;
    patch[wire] = field === "soundEffects" ? (after.soundEffects ? "Yes" : "No") : after[field];
  }
  return patch as EditMediaPatch;
}

/** What upstream answered, as the new generation's starting point. */
function startOf(up: UpstreamMedia | null) {
  const status = up ? fromUpstreamStatus(up.processingStatus) : "queued";
  // A stale "success" in the answer is the previous render: the new one has not started yet.
  const inFlight = isInFlight(status);
  return {
    status: inFlight ? status : ("queued" as const),
    progress: inFlight && up ? Math.round(up.progressPercentage) : 0,
    ...(up
      ? { upstream: withoutWebhookUrl(up.raw), bulletVersion: up.bulletVersion == null ? null : String(up.bulletVersion), serviceName: up.serviceName, serviceVersion: up.serviceVersion }
      : {}),
  };
}

async function regenerate(
  deps: Deps,
  who: Who,
  media: Media,
  kind: "resubmit" | "process",
  params: CreateParams,
  call: (upstreamId: string) => Promise<UpstreamMedia | null>,
): Promise<FormState> {
  const reopened = await reopenForGeneration(deps.db, who.teamId, media.id);
  if (!reopened) return { error: media.upstreamId ? BUSY : "This video was never sent to Vimmerse; use Retry instead." };
  let up: UpstreamMedia | null;
  try {
    up = await call(reopened.upstreamId);
  } catch (err) {
    await undoReopen(deps.db, who.teamId, media.id, reopened);
    return describeUpstreamError(err, params);
  }
  const number = await recordGeneration(deps.db, {
    teamId: who.teamId,
    mediaId: media.id,
    kind,
    requestedBy: who.userId,
    params: params as Record<string, unknown>,
    ...(kind === "resubmit" ? { motionType: params.motionType } : {}),
    ...startOf(up),
  });
  return { ok: true, message: `Generation ${number} is on its way.` };
}

export const resubmitSchema = generationSchema.extend({ mediaId });

/** Changed generation parameters: upstream renders again with them (and charges credits). */
export async function resubmitAs(deps: Deps, who: Who, input: Record<string, unknown>): Promise<FormState> {
  const parsed = resubmitSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { mediaId: id, ...changes } = parsed.data;
  const media = await getMediaForTeam(deps.db, who.teamId, id);
  if (!media) return { error: MISSING };
  const before = readStoredParams(media.params);
  const checked = createParamsSchema.safeParse({ ...before, ...changes });
  if (!checked.success) {
    const fieldErrors = fieldErrorsOf(checked.error);
    const elsewhere = Object.entries(fieldErrors).filter(([k]) => !(k in PATCH_KEYS)).flatMap(([, m]) => m);
    return { error: elsewhere.length ? `These settings don't fit this video: ${elsewhere.join(" ")}` : "Check the highlighted fields.", fieldErrors };
  }
  const patch = changedPatch(before, checked.data);
  if (Object.keys(patch).length === 0) {
    return { error: "Nothing changed. Change a setting, or use “Process again” to render the same settings again." };
  }
  return regenerate(deps, who, media, "resubmit", checked.data, (upstreamId) => deps.client.editMedia(upstreamId, patch));
}

/** The same parameters rendered again (upstream charges every time). */
export async function processAgainAs(deps: Deps, who: Who, input: Record<string, unknown>): Promise<FormState> {
  const parsed = z.object({ mediaId }).safeParse(input);
  if (!parsed.success) return { error: MISSING };
  const media = await getMediaForTeam(deps.db, who.teamId, parsed.data.mediaId);
  if (!media) return { error: MISSING };
  return regenerate(deps, who, media, "process", readStoredParams(media.params), (upstreamId) => deps.client.processMedia(upstreamId));
}
