import { z } from "zod";
import { type PoseParams, parseParams } from "./params";

// Upstream's own examples disagree on shapes (numbers as strings, an object or a list, `data`
// nested once or twice), so every field is read by a forgiving coercion instead of a strict
// type: one odd field must never make a whole media unreadable. The original JSON is kept.

export const PROCESSING_STATUSES = ["queue_bullet", "processing_bullet", "success", "fail", "cancel"] as const;
/** Known values autocomplete; unknown values from upstream are passed through as-is. */
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number] | (string & {});
export type VisibilityStatus = "0" | "1" | "2" | (string & {});

export type JsonObject = Record<string, unknown>;

export type PosePreset = {
  motionType: string;
  params: PoseParams;
  /** The Params string as received. */
  paramsRaw: string;
  raw: JsonObject;
};

export type FileMapEntry = { fileType: string; fileName: string; raw: JsonObject };

export type SubmitParams = {
  soundEffects?: boolean;
  pipelinePreset?: string;
  fileSize?: string;
  scaleFactor?: string;
  raw: JsonObject;
};

export type VideoHistoryEntry = {
  createdAt: Date | null;
  generateType: string | null;
  posePresets: PosePreset[];
  bulletVersion: number | null;
  fileMap: FileMapEntry[];
  submitParams: SubmitParams | null;
  serviceName: string | null;
  serviceVersion: string | null;
  serviceSeeds: number[];
  resolution: { width: number; height: number } | null;
  raw: JsonObject;
};

export type Media = {
  id: string;
  title: string;
  description: string;
  /** null when not rated (upstream sends ""). */
  rating: number | null;
  customerId: string | null;
  batchId: string | null;
  isTransition: boolean;
  /** Seconds; null when upstream did not say or sent garbage. */
  durationTime: number | null;
  progressPercentage: number;
  processingStatus: ProcessingStatus;
  /** null when the response omitted it (the upload and prompt examples do). */
  visibilityStatus: VisibilityStatus | null;
  fileMap: FileMapEntry[];
  /** Always a list, whether upstream sent an object or a list. */
  posePresets: PosePreset[];
  submitParams: SubmitParams | null;
  bulletVersion: number | null;
  videoHistory: VideoHistoryEntry[];
  /** Undocumented item shape: kept raw. Download through `variantKeys` instead. */
  result: unknown[];
  serviceName: string | null;
  serviceVersion: string | null;
  baseUrl: string | null;
  webhookUrl: string | null;
  nsfw: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** The media object exactly as upstream sent it (inside the `data` envelope). */
  raw: JsonObject;
};

export type ProcessingStatusResult = {
  progressPercentage: number;
  processingStatus: ProcessingStatus;
  raw: JsonObject;
};

// ---- coercions -------------------------------------------------------------------------

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function toText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return null;
}

/** "" and absent both mean "not set" upstream. */
const toOptionalText = (v: unknown): string | null => {
  const t = toText(v);
  return t === null || t.trim() === "" ? null : t;
};

export function toNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function toYesNo(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v !== "string") return null;
  const s = v.trim().toLowerCase();
  if (["yes", "true", "1", "y"].includes(s)) return true;
  if (["no", "false", "0", "n", ""].includes(s)) return false;
  return null;
}

/** Upstream writes "2025-04-01 18:57:37.355064+00:00" and, sometimes, no offset at all (UTC). */
export function toDate(v: unknown): Date | null {
  const s = toOptionalText(v);
  if (s === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    s.trim(),
  );
  if (m) {
    const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, "0")}` : "";
    let tz = m[4] ?? "Z";
    if (/^[+-]\d{2}$/.test(tz)) tz = `${tz}:00`;
    else if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
    const d = new Date(`${m[1]}T${m[2]}${frac}${tz.toUpperCase()}`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const toList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const records = (v: unknown): JsonObject[] => toList(v).filter(isRecord);

export function toProgress(v: unknown, status: string): number {
  const n = toNumber(v);
  if (n === null) return status === "success" ? 100 : 0;
  return Math.min(100, Math.max(0, n));
}

// ---- nested shapes ---------------------------------------------------------------------

function paramsString(v: unknown): string {
  if (typeof v === "string") return v;
  // Not seen upstream, but a Params object is easy to honour.
  if (isRecord(v)) {
    return Object.entries(v)
      .map(([k, val]) => `${k}=${toText(val) ?? ""}`)
      .join("|");
  }
  return "";
}

export function toPosePreset(item: JsonObject): PosePreset {
  const paramsRaw = paramsString(item.Params ?? item.params);
  return {
    motionType: toText(item.MotionType ?? item.motion_type ?? item.motionType) ?? "",
    params: parseParams(paramsRaw),
    paramsRaw,
    raw: item,
  };
}

/** An object, a list of objects, or nothing. */
export function toPosePresets(v: unknown): PosePreset[] {
  const items = Array.isArray(v) ? v : v == null ? [] : [v];
  return items.filter(isRecord).map(toPosePreset);
}

export function toFileMap(v: unknown): FileMapEntry[] {
  return records(v).map((raw) => ({
    fileType: toText(raw.FileType ?? raw.file_type) ?? "",
    fileName: toText(raw.FileName ?? raw.file_name) ?? "",
    raw,
  }));
}

export function toSubmitParams(v: unknown): SubmitParams | null {
  if (!isRecord(v)) return null;
  const out: SubmitParams = { raw: v };
  const sound = toYesNo(v.sound_effects);
  if (sound !== null && v.sound_effects !== undefined) out.soundEffects = sound;
  const pipeline = toText(v.pipeline_preset);
  if (pipeline !== null) out.pipelinePreset = pipeline;
  const fileSize = toText(v.file_size);
  if (fileSize !== null) out.fileSize = fileSize;
  const scale = toText(v.scale_factor);
  if (scale !== null) out.scaleFactor = scale;
  return out;
}

function toResolution(v: unknown): VideoHistoryEntry["resolution"] {
  if (!Array.isArray(v) || v.length < 2) return null;
  const width = toNumber(v[0]);
  const height = toNumber(v[1]);
  return width === null || height === null ? null : { width, height };
}

export function toVideoHistoryEntry(raw: JsonObject): VideoHistoryEntry {
  return {
    createdAt: toDate(raw.created_at),
    generateType: toOptionalText(raw.generate_type),
    posePresets: toPosePresets(raw.pose_preset),
    bulletVersion: toNumber(raw.bullet_version),
    fileMap: toFileMap(raw.file_map),
    submitParams: toSubmitParams(raw.submit_params),
    serviceName: toOptionalText(raw.service_name),
    serviceVersion: toOptionalText(raw.service_version),
    serviceSeeds: toList(raw.service_seeds)
      .map(toNumber)
      .filter((n): n is number => n !== null),
    resolution: toResolution(raw.resolution),
    raw,
  };
}

// ---- envelopes -------------------------------------------------------------------------

/**
 * Strips `{"data": ...}` envelopes: once for most endpoints, twice for GET /media/{id}. Stops at
 * the first object that looks like a record of its own (has an id or other keys than data).
 */
export function unwrapData(json: unknown): JsonObject | null {
  let cur: unknown = json;
  for (let depth = 0; depth < 4; depth++) {
    if (!isRecord(cur)) return null;
    const keys = Object.keys(cur);
    if (!("data" in cur) || "id" in cur || (keys.length > 1 && !isRecord(cur.data))) return cur;
    if (cur.data === null || cur.data === undefined) return null;
    cur = cur.data;
  }
  return isRecord(cur) ? cur : null;
}

const mediaObject = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
});

/** The normalized media, or null for an empty object (`{"data": {}}` from process). */
export function parseMedia(json: unknown): Media | null {
  const obj = unwrapData(json);
  if (!obj || Object.keys(obj).length === 0) return null;
  const checked = mediaObject.safeParse(obj);
  if (!checked.success) return null;
  const status = toText(obj.processing_status) ?? "";
  return {
    id: checked.data.id,
    title: toText(obj.title) ?? "",
    description: toText(obj.description) ?? "",
    rating: toNumber(obj.rating),
    customerId: toOptionalText(obj.customer_id),
    batchId: toOptionalText(obj.batch_id),
    isTransition: toYesNo(obj.is_transition) ?? false,
    durationTime: toNumber(obj.duration_time),
    progressPercentage: toProgress(obj.progress_percentage, status),
    processingStatus: status,
    visibilityStatus: toOptionalText(obj.visibility_status),
    fileMap: toFileMap(obj.file_map),
    posePresets: toPosePresets(obj.pose_preset),
    submitParams: toSubmitParams(obj.submit_params),
    bulletVersion: toNumber(obj.bullet_version),
    videoHistory: records(obj.video_history).map(toVideoHistoryEntry),
    result: toList(obj.result),
    serviceName: toOptionalText(obj.service_name),
    serviceVersion: toOptionalText(obj.service_version),
    baseUrl: toOptionalText(obj.base_url),
    webhookUrl: toOptionalText(obj.webhook_url),
    nsfw: toYesNo(obj.nsfw) ?? false,
    createdAt: toDate(obj.created_at),
    updatedAt: toDate(obj.updated_at),
    raw: obj,
  };
}

export function parseProcessingStatus(json: unknown): ProcessingStatusResult | null {
  const obj = unwrapData(json);
  if (!obj || !("processing_status" in obj || "progress_percentage" in obj)) return null;
  const status = toText(obj.processing_status) ?? "";
  return { progressPercentage: toProgress(obj.progress_percentage, status), processingStatus: status, raw: obj };
}
