import type { FileStore } from "./files";
import type { SandboxMediaRow } from "./schema";
import type { HistoryEntry, RenderedVariant } from "./types";

// The media object as upstream prints it (field names, strings where upstream has strings),
// plus base_url and result items that point at our /files/ URLs.

/** Python's str(datetime) with a UTC offset, as in upstream's examples. */
export function timestamp(d: Date): string {
  const iso = d.toISOString(); // 2025-04-01T18:57:37.355Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000+00:00`;
}

export function resultItems(
  files: FileStore,
  filesKey: string,
  generation: number | null,
  variants: RenderedVariant[],
) {
  if (generation === null) return [];
  return variants.map((v) => ({
    motion_type: v.key,
    camera_path: v.cameraPath,
    url: files.url(filesKey, `g${generation}/${v.mp4}`),
    gif_url: files.url(filesKey, `g${generation}/${v.gif}`),
    poster_url: files.url(filesKey, `g${generation}/${v.poster}`),
    width: v.width,
    height: v.height,
    duration: v.duration,
    has_audio: v.hasAudio,
  }));
}

/** A stored history entry carries its variants; the API shows them as `result` URLs. */
function historyJson(files: FileStore, filesKey: string, entry: HistoryEntry) {
  const { variants, generation, ...rest } = entry as HistoryEntry & {
    variants?: RenderedVariant[];
    generation?: number;
  };
  return { ...rest, result: resultItems(files, filesKey, generation ?? null, variants ?? []) };
}

export function mediaJson(files: FileStore, row: SandboxMediaRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    rating: row.rating,
    customer_id: row.customerId,
    batch_id: "",
    is_transition: row.isTransition,
    duration_time: row.durationTime,
    progress_percentage: row.progress,
    processing_status: row.status,
    visibility_status: row.visibilityStatus,
    file_map: row.fileMap,
    intermediate_results: [],
    submit_params: row.submitParams,
    pose_preset: row.posePreset,
    bullet_version: String(row.bulletVersion),
    video_history: row.videoHistory.map((e) => historyJson(files, row.filesKey, e)),
    result: resultItems(files, row.filesKey, row.variantsGeneration, row.variants),
    webhook_url: row.webhookUrl,
    nsfw: "0",
    service_name: row.serviceName,
    service_version: row.serviceVersion,
    base_url: files.baseUrl(row.filesKey),
    created_at: timestamp(row.createdAt),
    updated_at: timestamp(row.updatedAt),
    version: "2",
  };
}
