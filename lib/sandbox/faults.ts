import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./db";
import { json } from "./errors";
import { sandboxSettings } from "./schema";
import { ensureSettingsRow, SETTINGS_ROW } from "./settings-row";
import type { LostAnswerKind, SandboxFaults, SandboxFaultsPatch, SandboxSettings } from "./types";

// Fault injection: the ways a real upstream fails, reproduced on demand so the app's handling
// of them can be tested. The knobs live in the settings row's `faults` column (settings.ts
// reads and writes them); http.ts applies them around the endpoints:
//   rateLimit          every API call, before anything is done: 429 + Retry-After
//   notFound           GET /media/{id} and its processing-status: 404 MEDIA_NOT_FOUND
//   refuseObjectTypes  GET /media/{id}/download: 400 INVALID_OBJECT_TYPE (media-api.ts)
//   lostAnswer         credit-spending calls, after they were accepted: the answer is lost
// Counters (`next`) are decremented in the row itself, so concurrent calls and several
// processes share one count.

export type { LostAnswerKind, SandboxFaults, SandboxFaultsPatch } from "./types";

/** Beyond the app client's 30 s timeout. */
export const DEFAULT_LATE_MS = 35_000;

export const BASE_FAULTS: SandboxFaults = {
  lostAnswer: { next: 0, rate: 0, kind: "drop", lateMs: DEFAULT_LATE_MS },
  // A burst is switched on by untilMs alone; rate < 1 makes it patchy.
  notFound: { rate: 1, untilMs: 0 },
  rateLimit: { next: 0, rate: 0, retryAfterS: 1 },
  refuseObjectTypes: [],
};

const count = z.number().int().min(0).max(1_000_000);
const rate = z.number().min(0).max(1);

const lostAnswerPatch = z
  .object({
    next: count,
    rate,
    kind: z.enum(["drop", "500", "late", "any"]),
    lateMs: z.number().int().min(0).max(600_000),
  })
  .partial()
  .strict();
const notFoundPatch = z
  .object({ rate, untilMs: z.number().int().min(0).max(8_640_000_000_000_000) })
  .partial()
  .strict();
const rateLimitPatch = z
  .object({ next: count, rate, retryAfterS: z.number().int().min(0).max(86_400) })
  .partial()
  .strict();
const objectTypes = z.array(z.string().min(1).max(100)).max(50);

/** A partial change of the faults, as PUT /_sandbox/settings takes it under `faults`. */
export const faultsPatch = z
  .object({
    lostAnswer: lostAnswerPatch,
    notFound: notFoundPatch,
    rateLimit: rateLimitPatch,
    refuseObjectTypes: objectTypes,
  })
  .partial()
  .strict();

/** Each group of the patch is merged into the current one; the list is replaced. */
export function mergeFaults(current: SandboxFaults, patch: SandboxFaultsPatch): SandboxFaults {
  return {
    lostAnswer: { ...current.lostAnswer, ...patch.lostAnswer },
    notFound: { ...current.notFound, ...patch.notFound },
    rateLimit: { ...current.rateLimit, ...patch.rateLimit },
    refuseObjectTypes: [...(patch.refuseObjectTypes ?? current.refuseObjectTypes)],
  };
}

/** The faults of a stored row: what is missing or unreadable there is off (the column defaults to {}). */
export function storedFaults(raw: unknown): SandboxFaults {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const group = <S extends z.ZodType>(schema: S, v: unknown) => {
    const parsed = schema.safeParse(v);
    return parsed.success ? (parsed.data as z.output<S>) : undefined;
  };
  return mergeFaults(BASE_FAULTS, {
    lostAnswer: group(lostAnswerPatch, r.lostAnswer),
    notFound: group(notFoundPatch, r.notFound),
    rateLimit: group(rateLimitPatch, r.rateLimit),
    refuseObjectTypes: group(objectTypes, r.refuseObjectTypes),
  });
}

/**
 * Takes one from the `next` counter of a group in one statement; answers the faults as they
 * are after it, or null when the counter was already 0.
 */
export async function takeCount(
  db: Db,
  defaults: SandboxSettings,
  group: "lostAnswer" | "rateLimit",
): Promise<SandboxFaults | null> {
  await ensureSettingsRow(db, defaults);
  const path = sql.raw(`'{${group},next}'::text[]`);
  const f = sandboxSettings.faults;
  const [row] = await db
    .update(sandboxSettings)
    .set({ faults: sql`jsonb_set(${f}, ${path}, to_jsonb((${f} #>> ${path})::numeric - 1))` })
    .where(
      and(
        eq(sandboxSettings.id, SETTINGS_ROW),
        sql`(case when jsonb_typeof(${f} #> ${path}) = 'number' then (${f} #>> ${path})::numeric else 0 end) > 0`,
      ),
    )
    .returning({ faults: sandboxSettings.faults });
  return row ? storedFaults(row.faults) : null;
}

const chance = (p: number, random: () => number) => p > 0 && random() < p;

/** rateLimit: the 429 to answer instead of doing the call, or null. */
export async function rateLimited(
  db: Db,
  defaults: SandboxSettings,
  faults: SandboxFaults,
  random: () => number = Math.random,
): Promise<Response | null> {
  const rl = faults.rateLimit;
  const counted = rl.next > 0 ? await takeCount(db, defaults, "rateLimit") : null;
  if (!counted && !chance(rl.rate, random)) return null;
  const retryAfterS = (counted ?? faults).rateLimit.retryAfterS;
  return json({ message: "TOO_MANY_REQUESTS" }, 429, { "retry-after": String(retryAfterS) });
}

/** notFound: whether this GET of an existing media answers 404 now. */
export function hideMedia(faults: SandboxFaults, now = Date.now(), random: () => number = Math.random): boolean {
  return now < faults.notFound.untilMs && chance(faults.notFound.rate, random);
}

/** refuseObjectTypes: whether a download of this object type answers 400 INVALID_OBJECT_TYPE. */
export function objectTypeRefused(faults: SandboxFaults | undefined, objectType: string): boolean {
  return faults?.refuseObjectTypes.includes(objectType) ?? false;
}

export type LostAnswer = { kind: LostAnswerKind; lateMs: number };

/** lostAnswer: called once a credit-spending call was accepted; how its answer is lost, or null. */
export async function loseThisAnswer(
  db: Db,
  defaults: SandboxSettings,
  faults: SandboxFaults,
  random: () => number = Math.random,
): Promise<LostAnswer | null> {
  const counted = faults.lostAnswer.next > 0 ? await takeCount(db, defaults, "lostAnswer") : null;
  if (!counted && !chance(faults.lostAnswer.rate, random)) return null;
  const { kind, lateMs } = (counted ?? faults).lostAnswer;
  const kinds: LostAnswerKind[] = ["drop", "500", "late"];
  return { kind: kind === "any" ? kinds[Math.floor(random() * kinds.length)]! : kind, lateMs };
}

/**
 * Loses the answer `res` of a call whose side effects already happened:
 * - drop: 200 and its headers, then a body that errors at once. In-process, reading the body
 *   throws; over HTTP the server aborts the connection.
 * - 500: 500 {"message":"INTERNAL_SERVER_ERROR"}.
 * - late: `res` itself, after lateMs, or as soon as `signal` aborts (the client is gone).
 */
export async function lostAnswer(res: Response, lost: LostAnswer, signal?: AbortSignal): Promise<Response> {
  if (lost.kind === "late") {
    await sleep(lost.lateMs, signal);
    return res;
  }
  await res.body?.cancel().catch(() => {});
  if (lost.kind === "500") return json({ message: "INTERNAL_SERVER_ERROR" }, 500);
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new Error("connection reset"));
    },
  });
  return new Response(body, { status: 200, headers });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
