import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { bitmapText, GLYPH_H, GLYPH_W, ink } from "./font";

// The pictures of a prompt-only video, drawn in JS as raw pixels (ffmpeg of this age has no
// gradient source): a two-colour gradient background, a soft glow sprite that drifts across it,
// and, when no font file exists, the prompt itself in a bitmap font.

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = (((h % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r, g, b] =
    hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

export type Palette = { a: Rgb; b: Rgb; glow: Rgb };

/** Colours follow the prompt (same prompt, same card) and shift per variant. */
export function paletteFor(prompt: string, variant: number): Palette {
  const h = createHash("sha256").update(prompt).digest().readUInt16BE(0) % 360;
  const hue = h + variant * 67;
  return { a: hsl(hue, 0.6, 0.32), b: hsl(hue + 55, 0.55, 0.16), glow: hsl(hue + 25, 0.9, 0.75) };
}

/** Raw rgb24 pixels: a diagonal gradient with a vignette. */
export async function writeBackground(file: string, width: number, height: number, p: Palette): Promise<void> {
  const buf = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const fy = y / (height - 1);
    for (let x = 0; x < width; x++) {
      const fx = x / (width - 1);
      const t = Math.min(1, Math.max(0, fx * 0.6 + fy * 0.4));
      const dx = fx - 0.5;
      const dy = fy - 0.5;
      const v = 1 - 0.45 * (dx * dx + dy * dy) * 2;
      const i = (y * width + x) * 3;
      buf[i] = Math.round((p.a[0] + (p.b[0] - p.a[0]) * t) * v);
      buf[i + 1] = Math.round((p.a[1] + (p.b[1] - p.a[1]) * t) * v);
      buf[i + 2] = Math.round((p.a[2] + (p.b[2] - p.a[2]) * t) * v);
    }
  }
  await writeFile(file, buf);
}

/** Raw rgba pixels of a soft round glow, size x size. */
export async function writeGlow(file: string, size: number, color: Rgb): Promise<void> {
  const buf = Buffer.alloc(size * size * 4);
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - r, y + 0.5 - r) / r;
      const a = d >= 1 ? 0 : Math.round(150 * (1 - d) * (1 - d));
      const i = (y * size + x) * 4;
      buf[i] = color[0];
      buf[i + 1] = color[1];
      buf[i + 2] = color[2];
      buf[i + 3] = a;
    }
  }
  await writeFile(file, buf);
}

/** Greedy word wrap; the last line ends in `ellipsis` when the text does not fit. */
export function wrap(text: string, maxChars: number, maxLines: number, ellipsis = "…"): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - ellipsis.length))}${ellipsis}`;
  return kept;
}

export type TextBlock = { lines: string[]; scale: number; centerY: number; alpha: number };

/**
 * Raw rgba pixels (width x height, transparent) with text blocks drawn in the bitmap font,
 * centred, white with a soft shadow.
 */
export async function writeBitmapText(file: string, width: number, height: number, blocks: TextBlock[]): Promise<void> {
  const buf = Buffer.alloc(width * height * 4);
  const plot = (x0: number, y0: number, s: number, rgb: Rgb, alpha: number) => {
    for (let y = y0; y < y0 + s; y++) {
      if (y < 0 || y >= height) continue;
      for (let x = x0; x < x0 + s; x++) {
        if (x < 0 || x >= width) continue;
        const i = (y * width + x) * 4;
        buf[i] = rgb[0];
        buf[i + 1] = rgb[1];
        buf[i + 2] = rgb[2];
        buf[i + 3] = Math.max(buf[i + 3]!, alpha);
      }
    }
  };
  for (const block of blocks) {
    const s = block.scale;
    const advance = (GLYPH_W + 1) * s;
    const lineHeight = (GLYPH_H + 4) * s;
    const top = Math.round(block.centerY - (block.lines.length * lineHeight) / 2);
    // Shadow first, ink second, so the ink wins where they overlap.
    for (const [dx, rgb, alpha] of [
      [Math.max(1, Math.round(s / 2)), [0, 0, 0] as Rgb, Math.round(block.alpha * 0.55)],
      [0, [255, 255, 255] as Rgb, block.alpha],
    ] as const) {
      block.lines.forEach((raw, li) => {
        const line = bitmapText(raw);
        const left = Math.round((width - line.length * advance + s) / 2);
        for (let ci = 0; ci < line.length; ci++) {
          for (let gy = 0; gy < GLYPH_H; gy++) {
            for (let gx = 0; gx < GLYPH_W; gx++) {
              if (ink(line[ci]!, gx, gy))
                plot(left + ci * advance + gx * s + dx, top + li * lineHeight + gy * s + dx, s, rgb, alpha);
            }
          }
        }
      });
    }
  }
  await writeFile(file, buf);
}
