import { type CreateParams, summarize } from "./create-schema";
import { CAMERA_PATHS, MOTIONS, motionFor, TRY_ON_MODELS, VISIBILITIES } from "./motions";

// A media's parameters in words: the detail page's settings table and the history's
// "what changed" line.

const motionName = (id: string) => MOTIONS.find((m) => m.id === id)?.label ?? id;
const cameraName = (id: string) => CAMERA_PATHS.find((c) => c.id === id)?.label ?? id;

/** Label → value for every parameter that applies to this media. */
export function paramRows(p: CreateParams): [string, string][] {
  const m = motionFor(p.motionType);
  const rows: [string, string][] = [["Motion", motionName(p.motionType)]];
  if (m.cameraPath) rows.push(["Camera path", cameraName(p.cameraPath)]);
  if (m.tryOn) rows.push(["Try-on model", TRY_ON_MODELS.find((t) => t.id === p.tryOnModel)?.label ?? p.tryOnModel]);
  if (p.extendVideo) rows.push(["Mode", "Extends a video"]);
  if (p.characterAnimate) rows.push(["Mode", "Character animation"]);
  rows.push(
    ["Prompt", p.prompt || "—"],
    ["Videos", String(p.quantity)],
    ["Duration", `${p.duration} s`],
    ["Loop", p.loop > 1 ? `${p.loop}×` : "Once"],
    ["Motion amount", `${p.motionAmount} of 10`],
    ["Aspect ratio", p.aspectRatio],
    ["Sound effects", p.soundEffects ? "Yes" : "No"],
    ["Visibility", VISIBILITIES.find((v) => v.id === p.visibility)?.label ?? p.visibility],
  );
  return rows;
}

/** One line for a generation: "Parallax, horizontal arc · 2 videos × 1 s, 16:9, silent". */
export function generationSummary(p: CreateParams): string {
  const m = motionFor(p.motionType);
  const motion = m.cameraPath
    ? `${motionName(p.motionType)}, ${cameraName(p.cameraPath).toLowerCase()}`
    : motionName(p.motionType);
  return `${motion} · ${summarize(p)}`;
}

const CHANGE_LABELS: [keyof CreateParams, string, (v: unknown) => string][] = [
  ["motionType", "Motion", (v) => motionName(String(v))],
  ["prompt", "Prompt", (v) => (v ? `“${String(v).slice(0, 60)}”` : "none")],
  ["quantity", "Videos", String],
  ["duration", "Duration", (v) => `${v} s`],
  ["loop", "Loop", (v) => `${v}×`],
  ["aspectRatio", "Aspect ratio", String],
  ["soundEffects", "Sound", (v) => (v ? "on" : "off")],
];

/** What a resubmission changed compared with the generation before it. */
export function changesBetween(before: CreateParams, after: CreateParams): string[] {
  return CHANGE_LABELS.filter(([k]) => before[k] !== after[k]).map(
    ([k, label, fmt]) => `${label}: ${fmt(before[k])} → ${fmt(after[k])}`,
  );
}
