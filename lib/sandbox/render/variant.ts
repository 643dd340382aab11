import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { paletteFor, type TextBlock, wrap, writeBackground, writeBitmapText, writeGlow } from "./card";
import { ffmpeg, plainPath } from "./ffmpeg";
import { cameraFilter, type Motion } from "./motion";

// One rendered variant: an H.264 MP4 (the heavy part, one ffmpeg run), then a GIF and a JPEG
// poster made from that MP4. Each loop of the motion is its own segment of the filtergraph,
// joined by concat, so "loop" repeats the motion exactly and memory holds one still per input.

export const FPS = 25;
const GIF_FPS = 12;
const GIF_LONG_SIDE = 480;

export type VariantKind = "image" | "transition" | "card";

export type VariantRender = {
  kind: VariantKind;
  /** One image (kind image) or first and last frame (kind transition). */
  images: string[];
  /** Text of a prompt card. */
  prompt: string;
  /** Small line at the bottom of a prompt card, so nobody takes it for the model's output. */
  caption: string;
  width: number;
  height: number;
  /** Length of one loop of the motion. */
  seconds: number;
  loops: number;
  motion: Motion;
  audio: boolean;
  /** Font for drawtext, or null for the built-in bitmap font. */
  font: string | null;
  /** Scratch folder for this variant's intermediate files. */
  workDir: string;
  out: { mp4: string; gif: string; poster: string };
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
};

/** The input still as a W x H frame that fills the picture (cropped, never letterboxed). */
const cover = (w: number, h: number) =>
  `scale=${w}:${h}:force_original_aspect_ratio=increase:flags=lanczos,crop=${w}:${h},setsar=1`;

const hold = (frames: number) => `loop=loop=${frames - 1}:size=1:start=0,setpts=N/${FPS}/TB`;

function splitTo(input: string, filters: string, count: number, prefix: string): { graph: string; labels: string[] } {
  const labels = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const tail = count > 1 ? `,split=${count}${labels.map((l) => `[${l}]`).join("")}` : `[${labels[0]}]`;
  return { graph: `[${input}]${filters}${tail}`, labels };
}

function concat(labels: string[], out: string): string {
  return labels.length === 1
    ? `[${labels[0]}]null[${out}]`
    : `${labels.map((l) => `[${l}]`).join("")}concat=n=${labels.length}:v=1:a=0[${out}]`;
}

/** Soft ambience: filtered pink noise under a slowly breathing three-note pad. */
function ambience(total: number, seed: number): string {
  const root = 196 * 2 ** ((seed % 7) / 12);
  const f = [root, root * 1.25, root * 1.5].map((x) => x.toFixed(2));
  const pad = `0.03*sin(2*PI*${f[0]}*t)*(0.6+0.4*sin(2*PI*0.21*t))+0.022*sin(2*PI*${f[1]}*t)*(0.6+0.4*sin(2*PI*0.13*t+1))+0.018*sin(2*PI*${f[2]}*t)*(0.6+0.4*sin(2*PI*0.17*t+2))`;
  const fadeOut = Math.max(0, total - 0.8).toFixed(3);
  return [
    `anoisesrc=d=${total}:c=pink:r=44100:a=0.05:s=${seed % 100000}[noise]`,
    `[noise]lowpass=f=650[soft]`,
    `aevalsrc='${pad}':s=44100:d=${total}[pad]`,
    `[soft][pad]amix=inputs=2:duration=first,volume=1.6,afade=t=in:d=0.6,afade=t=out:st=${fadeOut}:d=0.8,aformat=channel_layouts=stereo[aout]`,
  ].join(";");
}

type Graph = { inputs: string[]; filters: string[] };
/** The picture a graph renders: the video's size, or the GIF's smaller one. */
type Canvas = { w: number; h: number; dir: string };

function imageGraph(v: VariantRender, frames: number, { w, h }: Canvas): Graph {
  const { loops } = v;
  const src = splitTo("0:v", `${cover(w, h)},format=yuv420p`, loops, "s");
  const filters = [src.graph];
  const segs = src.labels.map((l, i) => {
    filters.push(`[${l}]${hold(frames)},${cameraFilter(v.motion, frames)}[seg${i}]`);
    return `seg${i}`;
  });
  filters.push(concat(segs, "vout"));
  return { inputs: ["-i", v.images[0]!], filters };
}

function transitionGraph(v: VariantRender, frames: number, { w, h }: Canvas): Graph {
  const { loops, seconds } = v;
  const a = splitTo("0:v", `${cover(w, h)},format=yuv420p`, loops, "a");
  const b = splitTo("1:v", `${cover(w, h)},format=yuva420p`, loops, "b");
  const filters = [a.graph, b.graph];
  // Hold the first frame, cross-fade through the middle half, hold the last; the camera moves
  // over the blend so both stills share one motion.
  const start = (seconds * 0.25).toFixed(3);
  const length = (seconds * 0.5).toFixed(3);
  const segs = a.labels.map((la, i) => {
    filters.push(`[${la}]${hold(frames)}[A${i}]`);
    filters.push(`[${b.labels[i]}]${hold(frames)},fade=t=in:st=${start}:d=${length}:alpha=1[B${i}]`);
    filters.push(`[A${i}][B${i}]overlay=format=yuv420:eof_action=endall,${cameraFilter(v.motion, frames)}[seg${i}]`);
    return `seg${i}`;
  });
  filters.push(concat(segs, "vout"));
  return { inputs: ["-i", v.images[0]!, "-i", v.images[1]!], filters };
}

async function cardGraph(v: VariantRender, frames: number, { w, h, dir }: Canvas): Promise<Graph> {
  const { loops, seconds } = v;
  await mkdir(dir, { recursive: true });
  const palette = paletteFor(v.prompt, v.motion.variant);
  const bg = path.join(dir, "bg.rgb");
  const glowSize = Math.round(Math.min(w, h) * 0.55);
  const glow = path.join(dir, "glow.rgba");
  await Promise.all([writeBackground(bg, w, h, palette), writeGlow(glow, glowSize, palette.glow)]);
  const inputs = [
    ...["-f", "rawvideo", "-pixel_format", "rgb24", "-video_size", `${w}x${h}`, "-i", bg],
    ...["-f", "rawvideo", "-pixel_format", "rgba", "-video_size", `${glowSize}x${glowSize}`, "-i", glow],
  ];
  const src = splitTo("0:v", "format=yuv420p", loops, "s");
  const filters = [src.graph];
  const segs = src.labels.map((l, i) => {
    filters.push(`[${l}]${hold(frames)},${cameraFilter(v.motion, frames)}[seg${i}]`);
    return `seg${i}`;
  });
  filters.push(concat(segs, "bg"));
  // Three glows drift on closed curves whose period is one loop, so every loop looks the same.
  filters.push(`[1:v]format=yuva420p,split=3[g0][g1][g2]`);
  const orbits = [
    [0.38, 0.3, 1, 0],
    [0.3, 0.34, 2, 2.1],
    [0.42, 0.22, 1, 4.2],
  ] as const;
  let last = "bg";
  orbits.forEach(([rx, ry, k, phase], i) => {
    const ang = `2*PI*t/${seconds}*${k}+${phase}`;
    const x = `(W-w)/2+W*${rx}*sin(${ang})`;
    const y = `(H-h)/2+H*${ry}*cos(${ang}*${i === 1 ? 1 : 2})`;
    filters.push(`[${last}][g${i}]overlay=x='${x}':y='${y}':eval=frame[o${i}]`);
    last = `o${i}`;
  });

  const fontSize = Math.round(Math.min(w, h) * 0.07);
  const captionSize = Math.round(fontSize * 0.42);
  const textDir = dir;
  if (v.font && plainPath(v.font) && plainPath(textDir)) {
    const maxChars = Math.max(8, Math.floor((w * 0.84) / (fontSize * 0.6)));
    const lines = wrap(v.prompt, maxChars, 5);
    const lineHeight = Math.round(fontSize * 1.3);
    const top = Math.round(h / 2 - (lines.length * lineHeight) / 2);
    const draws: string[] = [];
    for (const [i, line] of lines.entries()) {
      const file = path.join(textDir, `line${i}.txt`);
      await writeFile(file, line);
      draws.push(
        `drawtext=fontfile=${v.font}:textfile=${file}:expansion=none:fontsize=${fontSize}:fontcolor=white:shadowcolor=black@0.55:shadowx=3:shadowy=3:x=(w-text_w)/2:y=${top + i * lineHeight}`,
      );
    }
    const captionFile = path.join(textDir, "caption.txt");
    await writeFile(captionFile, v.caption);
    draws.push(
      `drawtext=fontfile=${v.font}:textfile=${captionFile}:expansion=none:fontsize=${captionSize}:fontcolor=white@0.8:x=(w-text_w)/2:y=h-${Math.round(captionSize * 2.2)}`,
    );
    filters.push(`[${last}]${draws.join(",")}[vout]`);
    return { inputs, filters };
  }
  // No font file: the prompt drawn into a transparent picture with the bitmap font.
  const scale = Math.max(2, Math.round(fontSize / 9));
  const maxChars = Math.max(8, Math.floor((w * 0.86) / (6 * scale)));
  const captionScale = Math.max(1, Math.round(scale / 2));
  const blocks: TextBlock[] = [
    { lines: wrap(v.prompt, maxChars, 5, "..."), scale, centerY: h / 2, alpha: 255 },
    { lines: [v.caption], scale: captionScale, centerY: h - captionSize * 1.7, alpha: 205 },
  ];
  const textFile = path.join(textDir, "text.rgba");
  await writeBitmapText(textFile, w, h, blocks);
  inputs.push("-f", "rawvideo", "-pixel_format", "rgba", "-video_size", `${w}x${h}`, "-i", textFile);
  filters.push(`[2:v]format=yuva420p[txt]`, `[${last}][txt]overlay=0:0[vout]`);
  return { inputs, filters };
}

function graphFor(v: VariantRender, frames: number, canvas: Canvas): Promise<Graph> | Graph {
  if (v.kind === "card") return cardGraph(v, frames, canvas);
  return v.kind === "transition" ? transitionGraph(v, frames, canvas) : imageGraph(v, frames, canvas);
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * Renders the MP4, GIF and poster of one variant; progress runs 0..1 over all of it. The GIF is
 * rendered by a second ffmpeg from the same graph at GIF size, alongside the MP4: much of the
 * camera filter's work is single-threaded, so the two together keep both cores busy.
 */
export async function renderVariant(v: VariantRender): Promise<{ duration: number }> {
  const frames = Math.max(2, Math.round(v.seconds * FPS));
  const total = (frames * v.loops) / FPS;
  const landscape = v.width >= v.height;
  const gifCanvas: Canvas = {
    w: landscape ? GIF_LONG_SIDE : even((GIF_LONG_SIDE * v.width) / v.height),
    h: landscape ? even((GIF_LONG_SIDE * v.height) / v.width) : GIF_LONG_SIDE,
    dir: path.join(v.workDir, "gif"),
  };
  const [video, small] = await Promise.all([
    graphFor(v, frames, { w: v.width, h: v.height, dir: path.join(v.workDir, "mp4") }),
    graphFor(v, frames, gifCanvas),
  ]);
  const filters = [...video.filters];
  const maps = ["-map", "[vout]"];
  if (v.audio) {
    const seed = [...v.prompt, ...v.out.mp4].reduce((n, c) => (n * 31 + c.charCodeAt(0)) >>> 0, 7);
    filters.push(ambience(total, seed));
    maps.push("-map", "[aout]", "-c:a", "aac", "-b:a", "96k");
  } else {
    maps.push("-an");
  }
  await mkdir(path.dirname(v.out.mp4), { recursive: true });
  await mkdir(path.dirname(v.out.gif), { recursive: true });
  const mp4 = ffmpeg(
    [
      ...video.inputs,
      "-filter_complex",
      filters.join(";"),
      ...maps,
      ...[
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "21",
        "-pix_fmt",
        "yuv420p",
        "-r",
        String(FPS),
        "-g",
        String(FPS * 2),
      ],
      ...["-t", total.toFixed(3), "-movflags", "+faststart", v.out.mp4],
    ],
    { signal: v.signal, totalSeconds: total, onProgress: (f) => v.onProgress?.(f * 0.8) },
  );
  // One palette per frame keeps the GIF a single streaming pass (a global palette would need
  // every frame first).
  const gif = ffmpeg(
    [
      ...small.inputs,
      "-filter_complex",
      [
        ...small.filters,
        `[vout]fps=${GIF_FPS},split[ga][gb]`,
        "[ga]palettegen=stats_mode=single[gp]",
        "[gb][gp]paletteuse=new=1:dither=bayer:bayer_scale=3[gif]",
      ].join(";"),
      ...["-map", "[gif]", "-t", total.toFixed(3), "-loop", "0", v.out.gif],
    ],
    { signal: v.signal },
  );
  // If one fails, the other is not left running on its own.
  const results = await Promise.allSettled([mp4, gif]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  v.onProgress?.(0.9);
  await posterFrom(v.out.mp4, v.out.poster, Math.min(total / 2, v.seconds * 0.6), v.signal);
  v.onProgress?.(1);
  return { duration: total };
}

/** A GIF with its own palette (two passes over the MP4, both streaming). */
export async function gifFrom(
  mp4: string,
  gif: string,
  width: number | null,
  height: number | null,
  workDir: string,
  signal?: AbortSignal,
) {
  await mkdir(workDir, { recursive: true });
  const palette = path.join(workDir, `palette-${path.basename(gif, ".gif")}.png`);
  const size = width ? `scale=${width}:-2:flags=bicubic` : `scale=-2:${height ?? GIF_LONG_SIDE}:flags=bicubic`;
  // The palette comes from a few small frames: building a histogram of every full frame is
  // what makes GIF encoding slow, and the colours of a camera move barely change.
  try {
    await ffmpeg(["-i", mp4, "-vf", "fps=2,scale=320:-2:flags=bilinear,palettegen=stats_mode=full", palette], {
      signal,
    });
    await ffmpeg(
      [
        "-i",
        mp4,
        "-i",
        palette,
        "-filter_complex",
        `[0:v]fps=${GIF_FPS},${size}[x];[x][1:v]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle`,
        "-loop",
        "0",
        gif,
      ],
      { signal },
    );
  } finally {
    await rm(palette, { force: true });
  }
}

export async function posterFrom(mp4: string, jpg: string, at: number, signal?: AbortSignal) {
  await ffmpeg(["-ss", at.toFixed(3), "-i", mp4, "-frames:v", "1", "-q:v", "3", jpg], { signal });
}
