import type { Media, ProcessingStatus } from "./responses";

const TERMINAL = new Set<string>(["success", "fail", "cancel"]);

/** success, fail and cancel never change again without a resubmit; anything else may. */
export function isTerminalStatus(status: ProcessingStatus | null | undefined): boolean {
  return status != null && TERMINAL.has(status);
}

export type Variant = {
  /** The `motion_type` value for GET /media/{id}/download, e.g. "Parallax2". */
  key: string;
  motionType: string;
  /** 1-based among the variants of this motion type. */
  number: number;
  /** Index of the pose preset that produced it. */
  presetIndex: number;
};

/**
 * The downloadable variants: MotionType followed by 1..Quantity for each pose preset. Numbering
 * runs on across presets of the same motion type (three Parallax presets → Parallax1..3), since
 * restarting at 1 would give several variants the same key and make all but one unreachable.
 * Upstream also accepts the plain motion type for the first variant.
 */
export function variants(media: Pick<Media, "posePresets">): Variant[] {
  const seen = new Map<string, number>();
  const out: Variant[] = [];
  media.posePresets.forEach((preset, presetIndex) => {
    if (preset.motionType === "") return;
    const q = preset.params.quantity;
    const quantity = q !== undefined && Number.isFinite(q) && q >= 1 ? Math.floor(q) : 1;
    for (let i = 0; i < quantity; i++) {
      const number = (seen.get(preset.motionType) ?? 0) + 1;
      seen.set(preset.motionType, number);
      out.push({ key: `${preset.motionType}${number}`, motionType: preset.motionType, number, presetIndex });
    }
  });
  return out;
}

export function variantKeys(media: Pick<Media, "posePresets">): string[] {
  return variants(media).map((v) => v.key);
}
