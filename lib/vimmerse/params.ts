// The pose preset's `Params` string: "Prompt=...|CameraPath=...|Quantity=1|...". Upstream has no
// escaping, so a value cannot carry "|"; keys it does not document (Zoom, EasyEase, Seed...) are
// kept verbatim in `extra` so a parse → build round trip loses nothing.

export type PoseParams = {
  cameraPath?: string;
  prompt?: string;
  promptStrength?: number;
  quantity?: number;
  motionAmount?: number;
  motionLength?: number;
  loop?: number;
  aspectRatio?: string;
  /** Keys not listed above, and listed numeric keys whose value is not a number (e.g. "Quantity="). */
  extra: Record<string, string>;
};

export type PoseParamsInput = Partial<Omit<PoseParams, "extra">> & { extra?: Record<string, string> };

type TextField = "cameraPath" | "prompt" | "aspectRatio";
type NumberField = "promptStrength" | "quantity" | "motionAmount" | "motionLength" | "loop";

// Wire key ↔ typed field, in the order upstream itself writes them.
const FIELDS: readonly (readonly [string, TextField | NumberField, "text" | "number"])[] = [
  ["Prompt", "prompt", "text"],
  ["CameraPath", "cameraPath", "text"],
  ["PromptStrength", "promptStrength", "number"],
  ["Quantity", "quantity", "number"],
  ["MotionAmount", "motionAmount", "number"],
  ["MotionLength", "motionLength", "number"],
  ["Loop", "loop", "number"],
  ["AspectRatio", "aspectRatio", "text"],
];

const byWireKey = new Map(FIELDS.map((f) => [f[0].toLowerCase(), f]));

/** Splits into ordered [key, value] pairs; a segment without "=" continues the previous value. */
export function splitParams(raw: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (raw.trim() === "") return pairs;
  for (const segment of raw.split("|")) {
    if (segment.trim() === "") continue;
    const eq = segment.indexOf("=");
    if (eq === -1) {
      // Most likely a prompt that itself contained "|": glue it back rather than lose text.
      const last = pairs[pairs.length - 1];
      if (last) last[1] = `${last[1]}|${segment}`;
      else pairs.push([segment.trim(), ""]);
      continue;
    }
    pairs.push([segment.slice(0, eq).trim(), segment.slice(eq + 1)]);
  }
  return pairs;
}

export function parseParams(raw: string | null | undefined): PoseParams {
  const out: PoseParams = { extra: {} };
  for (const [key, value] of splitParams(raw ?? "")) {
    const field = byWireKey.get(key.toLowerCase());
    if (!field) {
      out.extra[key] = value;
      continue;
    }
    const [wire, name, kind] = field;
    if (kind === "text") {
      out[name as TextField] = value;
      continue;
    }
    const n = value.trim() === "" ? Number.NaN : Number(value);
    if (Number.isFinite(n)) out[name as NumberField] = n;
    else out.extra[wire] = value;
  }
  return out;
}

// "|" would split the value into a bogus key upstream; a space keeps the words apart.
const clean = (v: string) => v.replace(/\s*[|\r\n]+\s*/g, " ");

/** Builds the wire string: known keys first in upstream's order, then `extra` in insertion order. */
export function buildParams(params: PoseParamsInput): string {
  const segments: string[] = [];
  const written = new Set<string>();
  for (const [wire, name] of FIELDS) {
    const value = params[name];
    if (value === undefined) continue;
    segments.push(`${wire}=${clean(String(value))}`);
    written.add(wire.toLowerCase());
  }
  for (const [key, value] of Object.entries(params.extra ?? {})) {
    if (written.has(key.toLowerCase())) continue;
    segments.push(`${clean(key).replace(/=/g, "")}=${clean(value)}`);
  }
  return segments.join("|");
}
