import { UpstreamUnavailableError, validationError } from "./errors";
import { createHttp, defaultSleep, type FetchLike, type Sleep } from "./http";
import {
  type CreateMediaFromPromptInput,
  type CreateMediaInput,
  type CreateMediaUploadInput,
  createMediaFromPromptSchema,
  createMediaSchema,
  createMediaUploadSchema,
  type EditMediaPatch,
  editMediaSchema,
  encodeCreateMedia,
  encodeCreateMediaFromPrompt,
  encodeCreateMediaUpload,
  encodeEditMedia,
  validate,
} from "./requests";
import { type Media, type ProcessingStatusResult, parseMedia, parseProcessingStatus } from "./responses";

export type VimmerseClientOptions = {
  /** e.g. "https://api.vimmerse.net"; may carry a path ("http://host/api/sandbox"). */
  baseUrl: string;
  apiKey: string;
  fetch?: FetchLike;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for requests that are safe to repeat. Default 3. */
  retries?: number;
  sleep?: Sleep;
  random?: () => number;
  /** First backoff ceiling; doubles per retry up to maxDelayMs. Default 500 ms / 8 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After waited out inside a call. Default 10 s. */
  maxRetryAfterMs?: number;
};

/** Per call: abort when the caller no longer needs the answer (e.g. the browser went away). */
export type CallOptions = { signal?: AbortSignal };

export type DownloadObjectType = "bullet_video_mp4" | "bullet_video_gif" | "source" | (string & {});

export type DownloadOptions = CallOptions & {
  objectType: DownloadObjectType;
  /** A variant key such as "Auto1" (see variantKeys) or the plain motion type. */
  motionType: string;
  width?: number;
  /** Maximum size in MB. */
  fileSize?: number | string;
};

export type Download = {
  /** Unread. The caller must consume or cancel it, or the connection stays open. */
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength?: number;
  fileName?: string;
};

export type VimmerseClient = {
  createMedia(input: CreateMediaInput, opts?: CallOptions): Promise<Media>;
  createMediaUpload(input: CreateMediaUploadInput, opts?: CallOptions): Promise<Media>;
  createMediaFromPrompt(input: CreateMediaFromPromptInput, opts?: CallOptions): Promise<Media>;
  getProcessingStatus(id: string, opts?: CallOptions): Promise<ProcessingStatusResult>;
  getMedia(id: string, opts?: CallOptions): Promise<Media>;
  editMedia(id: string, patch: EditMediaPatch, opts?: CallOptions): Promise<Media>;
  /**
   * Resubmits (spends credits every call). Upstream documents an empty `{"data": {}}` answer, so
   * this resolves to null then; call getMedia if the new state is needed.
   */
  processMedia(id: string, opts?: CallOptions): Promise<Media | null>;
  download(id: string, opts: DownloadOptions): Promise<Download>;
};

const mediaPath = (id: string, suffix = "") => {
  if (typeof id !== "string" || id.trim() === "") throw validationError({ id: ["must not be empty"] });
  return `/media/${encodeURIComponent(id)}${suffix}`;
};

function mustBeMedia(json: unknown, what: string): Media {
  const media = parseMedia(json);
  if (!media)
    throw new UpstreamUnavailableError(`Vimmerse ${what} answer holds no media`, "invalid_response", { body: json });
  return media;
}

/** `attachment; filename="a.mp4"` or RFC 5987 `filename*=UTF-8''a%20b.mp4`. */
export function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(disposition);
  if (!plain) return undefined;
  const name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, "$1") : plain[1]!.trim();
  return name || undefined;
}

export function createVimmerseClient(options: VimmerseClientOptions): VimmerseClient {
  if (!options.baseUrl) throw new TypeError("Vimmerse baseUrl is required");
  if (!options.apiKey) throw new TypeError("Vimmerse apiKey is required");
  const http = createHttp({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: Math.max(0, options.retries ?? 3),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
  });

  const client: VimmerseClient = {
    async createMedia(input, opts) {
      const parsed = validate(createMediaSchema, input);
      const json = await http.json({
        method: "POST",
        path: "/media",
        body: () => encodeCreateMedia(parsed),
        idempotent: false,
        signal: opts?.signal,
      });
      return mustBeMedia(json, "create");
    },

    async createMediaUpload(input, opts) {
      const parsed = validate(createMediaUploadSchema, input);
      const json = await http.json({
        method: "POST",
        path: "/media/upload",
        body: () => encodeCreateMediaUpload(parsed),
        idempotent: false,
        signal: opts?.signal,
      });
      return mustBeMedia(json, "upload");
    },

    async createMediaFromPrompt(input, opts) {
      const parsed = validate(createMediaFromPromptSchema, input);
      const json = await http.json({
        method: "POST",
        path: "/media/prompt",
        body: () => encodeCreateMediaFromPrompt(parsed),
        contentType: "application/json",
        idempotent: false,
        signal: opts?.signal,
      });
      return mustBeMedia(json, "prompt");
    },

    async getProcessingStatus(id, opts) {
      const json = await http.json({
        method: "GET",
        path: mediaPath(id, "/processing-status"),
        idempotent: true,
        signal: opts?.signal,
      });
      const status = parseProcessingStatus(json);
      if (!status)
        throw new UpstreamUnavailableError("Vimmerse processing-status answer holds no status", "invalid_response", {
          body: json,
        });
      return status;
    },

    async getMedia(id, opts) {
      const json = await http.json({ method: "GET", path: mediaPath(id), idempotent: true, signal: opts?.signal });
      return mustBeMedia(json, "media");
    },

    async editMedia(id, patch, opts) {
      const path = mediaPath(id, "/edit");
      const parsed = validate(editMediaSchema, patch);
      const json = await http.json({
        method: "PUT",
        path,
        body: () => encodeEditMedia(parsed),
        idempotent: false,
        signal: opts?.signal,
      });
      // The edit went through; an empty answer just means we read the result ourselves.
      return parseMedia(json) ?? client.getMedia(id, opts);
    },

    async processMedia(id, opts) {
      const json = await http.json({
        method: "POST",
        path: mediaPath(id, "/process"),
        idempotent: false,
        signal: opts?.signal,
      });
      return parseMedia(json);
    },

    async download(id, opts) {
      const path = mediaPath(id, "/download");
      const missing: Record<string, string[]> = {};
      if (!opts.objectType) missing.objectType = ["is required"];
      if (!opts.motionType) missing.motionType = ["is required"];
      if (Object.keys(missing).length) throw validationError(missing);
      const res = await http.stream({
        method: "GET",
        path,
        query: {
          object_type: opts.objectType,
          motion_type: opts.motionType,
          width: opts.width,
          file_size: opts.fileSize,
        },
        accept: "*/*",
        idempotent: true,
        signal: opts.signal,
      });
      if (!res.body)
        throw new UpstreamUnavailableError("Vimmerse download answered without a body", "invalid_response", {
          status: res.status,
        });
      const length = Number(res.headers.get("content-length"));
      const fileName = fileNameFrom(res.headers.get("content-disposition"));
      return {
        body: res.body,
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        ...(res.headers.get("content-length") !== null && Number.isFinite(length) && length >= 0
          ? { contentLength: length }
          : {}),
        ...(fileName ? { fileName } : {}),
      };
    },
  };
  return client;
}
