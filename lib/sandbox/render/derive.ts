import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { durationOf, ffmpeg, ffprobe, hasAudio } from "./ffmpeg";
import { gifFrom } from "./variant";

// Downloads with width= or file_size=: re-encoded once, then served from a cache next to the
// original. Files are written under a temporary name and renamed, so a concurrent request never
// reads a half-written file.

const AUDIO_BPS = 96_000;
const MB = 1_000_000;

export class SizeUnreachable extends Error {}

async function fresh(file: string) {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/**
 * An MP4 scaled to `width` (keeping the aspect) and/or at most `maxMB` megabytes (10^6 bytes).
 * The bitrate is computed from the duration; if the encoder overshoots, it tries again lower.
 */
export async function deriveMp4(
  src: string,
  cacheDir: string,
  width: number | null,
  maxMB: number | null,
): Promise<string> {
  const name = `${path.basename(src, ".mp4")}-w${width ?? 0}-s${maxMB ?? 0}.mp4`;
  const out = path.join(cacheDir, name);
  if (await fresh(out)) return out;
  await mkdir(cacheDir, { recursive: true });
  const info = await ffprobe(src);
  const duration = Math.max(0.1, durationOf(info));
  const audio = hasAudio(info);
  const srcSize = (await stat(src)).size;
  if (!width && maxMB && srcSize <= maxMB * MB) return src;

  const tmp = path.join(cacheDir, `.tmp-${randomBytes(6).toString("hex")}.mp4`);
  try {
    const budget = maxMB ? maxMB * MB * 0.92 : null;
    let videoBps = budget ? Math.floor((budget * 8) / duration - (audio ? AUDIO_BPS : 0)) : null;
    let w = width;
    for (let attempt = 0; attempt < 5; attempt++) {
      // Very low bitrates look better at a smaller size than as mush at full size.
      if (videoBps !== null && videoBps < 150_000 && !w) w = 480;
      if (videoBps !== null && videoBps < 60_000) w = Math.min(w ?? 320, 320);
      const vf = w ? ["-vf", `scale=${even(w)}:-2:flags=lanczos`] : [];
      const rate =
        videoBps !== null
          ? [
              "-b:v",
              String(Math.max(20_000, videoBps)),
              "-maxrate",
              String(Math.max(20_000, videoBps)),
              "-bufsize",
              String(Math.max(20_000, videoBps)),
            ]
          : ["-crf", "21"];
      await ffmpeg([
        "-i",
        src,
        ...vf,
        ...["-c:v", "libx264", "-preset", "veryfast", ...rate, "-pix_fmt", "yuv420p"],
        ...(audio ? ["-c:a", "aac", "-b:a", String(AUDIO_BPS)] : ["-an"]),
        ...["-movflags", "+faststart", tmp],
      ]);
      const size = (await stat(tmp)).size;
      if (!maxMB || size <= maxMB * MB) {
        await rename(tmp, out);
        return out;
      }
      videoBps = Math.floor((videoBps ?? 1_000_000) * Math.min(0.8, ((maxMB * MB) / size) * 0.9));
    }
    throw new SizeUnreachable(`cannot fit ${path.basename(src)} into ${maxMB} MB`);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** A GIF at `width`, and/or shrunk until it fits `maxMB`. */
export async function deriveGif(
  mp4: string,
  gif: string,
  cacheDir: string,
  width: number | null,
  maxMB: number | null,
): Promise<string> {
  const name = `${path.basename(gif, ".gif")}-w${width ?? 0}-s${maxMB ?? 0}.gif`;
  const out = path.join(cacheDir, name);
  if (await fresh(out)) return out;
  await mkdir(cacheDir, { recursive: true });
  if (!width && maxMB && (await stat(gif)).size <= maxMB * MB) return gif;
  const widths = width ? [width] : [480];
  if (maxMB) for (const w of [360, 240, 160, 96]) if (w < widths[widths.length - 1]!) widths.push(w);
  for (const w of widths) {
    const tmp = path.join(cacheDir, `.tmp-${randomBytes(6).toString("hex")}.gif`);
    try {
      await gifFrom(mp4, tmp, even(w), null, cacheDir);
      if (!maxMB || (await stat(tmp)).size <= maxMB * MB) {
        await rename(tmp, out);
        return out;
      }
    } finally {
      await rm(tmp, { force: true });
    }
  }
  throw new SizeUnreachable(`cannot fit ${path.basename(gif)} into ${maxMB} MB`);
}
