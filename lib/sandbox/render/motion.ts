import type { CameraPath } from "../types";

// Camera paths as ffmpeg `perspective` expressions. The filter samples an arbitrary
// quadrilateral of the frame with bilinear interpolation, so a view rectangle that moves by a
// fraction of a pixel per frame moves smoothly (integer crop offsets would judder at slow
// speeds). Every expression runs per frame on `in`, the frame number within one loop.

export type Motion = {
  path: CameraPath;
  /** motion_range, 1 (small) .. 10 (large) */
  amount: number;
  /** 0-based index among the variants of a media, to make them differ */
  variant: number;
};

const PI = "PI";
const n = (x: number) => (Math.round(x * 10000) / 10000).toString();

/** Paths that return to their start, so a loop repeats without a cut. */
const PERIODIC = new Set<CameraPath>(["HorizontalArc", "VerticalArc", "Circular"]);

type Exprs = { z: string; dx: string; dy: string; yawX?: string; yawY?: string };

function exprs(m: Motion, frames: number): Exprs {
  const a = Math.min(10, Math.max(1, m.amount)) / 10;
  const k = m.variant;
  // T runs 0..1 over a loop; periodic paths stop one frame short so the next loop joins up.
  const T = PERIODIC.has(m.path) ? `(in/${frames})` : `min(1,in/${Math.max(1, frames - 1)})`;
  const E = `((1-cos(${PI}*${T}))/2)`; // ease in and out
  const base = 1.06 + 0.2 * a; // zoom that leaves room to move
  const sign = k % 2 === 0 ? 1 : -1;
  const phase = n((k * Math.PI) / 2);
  const side = [0, 0.5, -0.5, 0.25][k % 4]!;
  switch (m.path) {
    case "HorizontalArc":
      return {
        z: `${n(base)}*(1+${n(0.03 * a)}*(1-cos(4*${PI}*${T})))`,
        dx: `${sign}*sin(2*${PI}*${T}+${phase})`,
        dy: `${n(side * 0.5)}`,
        yawY: `0.6*cos(2*${PI}*${T}+${phase})*${sign}`,
      };
    case "VerticalArc":
      return {
        z: `${n(base)}*(1+${n(0.03 * a)}*(1-cos(4*${PI}*${T})))`,
        dx: `${n(side * 0.5)}`,
        dy: `${sign}*sin(2*${PI}*${T}+${phase})`,
        yawX: `0.6*cos(2*${PI}*${T}+${phase})*${sign}`,
      };
    case "Circular":
      return { z: n(base), dx: `${sign}*cos(2*${PI}*${T}+${phase})`, dy: `sin(2*${PI}*${T}+${phase})` };
    case "StepIn": {
      const focus = [
        [0, 0],
        [0.5, -0.4],
        [-0.5, 0.4],
        [0.4, 0.4],
      ][k % 4]!;
      return { z: `1+${n(0.12 + 0.4 * a)}*${E}`, dx: `${n(focus[0]!)}*${E}`, dy: `${n(focus[1]!)}*${E}` };
    }
    case "Cross":
      return { z: n(base), dx: `(2*${E}-1)`, dy: `${sign}*(2*${E}-1)` };
    case "StepD":
      return { z: `${n(base)}+${n(0.04 * (k % 3))}*${E}`, dx: n(side), dy: `(2*${E}-1)` };
    case "StepU":
      return { z: `${n(base)}+${n(0.04 * (k % 3))}*${E}`, dx: n(side), dy: `(1-2*${E})` };
    case "StepL":
      return { z: `${n(base)}+${n(0.04 * (k % 3))}*${E}`, dx: `(1-2*${E})`, dy: n(side) };
    case "StepR":
      return { z: `${n(base)}+${n(0.04 * (k % 3))}*${E}`, dx: `(2*${E}-1)`, dy: n(side) };
  }
}

/**
 * The `perspective` filter for one loop of `frames` frames. The view is W/z by H/z, placed at
 * (dx, dy) in -1..1 of the room left around it; arcs also tilt the view a little (a yaw that
 * stays inside that room) so they read as a camera swinging round the subject.
 */
export function cameraFilter(m: Motion, frames: number): string {
  const e = exprs(m, frames);
  const vw = `(W/(${e.z}))`;
  const vh = `(H/(${e.z}))`;
  const mx = `((W-${vw})/2)`;
  const my = `((H-${vh})/2)`;
  const left = `(${mx}*(1+(${e.dx})))`;
  const top = `(${my}*(1+(${e.dy})))`;
  // Yaw shifts opposite edges in opposite directions by up to the room left on that axis.
  const room = (r: string, d: string) => `(${r}*(1-abs(${d})))`;
  const yy = e.yawY ? `(${room(my, e.dy)}*(${e.yawY}))` : "0";
  const yx = e.yawX ? `(${room(mx, e.dx)}*(${e.yawX}))` : "0";
  const pts = {
    x0: `${left}+${yx}`,
    y0: `${top}+${yy}`,
    x1: `${left}+${vw}-${yx}`,
    y1: `${top}-${yy}`,
    x2: `${left}-${yx}`,
    y2: `${top}+${vh}-${yy}`,
    x3: `${left}+${vw}+${yx}`,
    y3: `${top}+${vh}+${yy}`,
  };
  const args = Object.entries(pts).map(([k, v]) => `${k}='${v}'`);
  return `perspective=${args.join(":")}:interpolation=linear:eval=frame`;
}

/** Camera paths used for the AI stand-ins, so their variants differ from each other. */
export const AI_PATH_CYCLE: CameraPath[] = [
  "StepIn",
  "HorizontalArc",
  "Circular",
  "Cross",
  "VerticalArc",
  "StepR",
  "StepU",
  "StepL",
  "StepD",
];

/** Camera words a prompt may contain (upstream lets LumaAI prompts steer the camera). */
export function pathFromPrompt(prompt: string): CameraPath | null {
  const p = prompt.toLowerCase();
  const rules: [RegExp, CameraPath][] = [
    [/\b(push in|zoom in|dolly in)\b/, "StepIn"],
    [/\borbit\b/, "HorizontalArc"],
    [/\b(crane up|move up|tilt up|pan up)\b/, "StepU"],
    [/\b(crane down|move down|tilt down|pan down)\b/, "StepD"],
    [/\b(move left|pan left|truck left)\b/, "StepL"],
    [/\b(move right|pan right|truck right)\b/, "StepR"],
    [/\b(circle|circular|spin)\b/, "Circular"],
  ];
  return rules.find(([re]) => re.test(p))?.[1] ?? null;
}
