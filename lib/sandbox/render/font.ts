import { spawn } from "node:child_process";
import { access } from "node:fs/promises";

// Text for prompt cards. ffmpeg's drawtext needs a font file; a bare Debian may have none, so a
// small built-in 5x7 bitmap font (drawn here, glyph by glyph) renders the text into an image
// instead when no usable font is found.

const CANDIDATES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
  "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
  "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
  "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
];

function fcMatch(): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      const child = spawn("fc-match", ["-f", "%{file}", "sans:bold"], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
      child.on("error", () => {
        clearTimeout(timer);
        resolve(null);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve(code === 0 && /\.(ttf|otf|ttc)$/i.test(out.trim()) ? out.trim() : null);
      });
    } catch {
      resolve(null);
    }
  });
}

let found: Promise<string | null> | undefined;

/** A TrueType/OpenType font file for drawtext, or null when the machine has none. */
export function findFont(): Promise<string | null> {
  found ??= (async () => {
    for (const file of CANDIDATES) {
      if (
        await access(file).then(
          () => true,
          () => false,
        )
      )
        return file;
    }
    const matched = await fcMatch();
    if (
      matched &&
      (await access(matched).then(
        () => true,
        () => false,
      ))
    )
      return matched;
    return null;
  })();
  return found;
}

// 5 columns x 7 rows per glyph, "#" = ink. Lower case is drawn as upper case.
const GLYPHS: Record<string, string> = {
  A: " ### |#   #|#   #|#####|#   #|#   #|#   #",
  B: "#### |#   #|#   #|#### |#   #|#   #|#### ",
  C: " ### |#   #|#    |#    |#    |#   #| ### ",
  D: "#### |#   #|#   #|#   #|#   #|#   #|#### ",
  E: "#####|#    |#    |#### |#    |#    |#####",
  F: "#####|#    |#    |#### |#    |#    |#    ",
  G: " ### |#   #|#    |# ###|#   #|#   #| ####",
  H: "#   #|#   #|#   #|#####|#   #|#   #|#   #",
  I: " ### |  #  |  #  |  #  |  #  |  #  | ### ",
  J: "  ###|   # |   # |   # |   # |#  # | ##  ",
  K: "#   #|#  # |# #  |##   |# #  |#  # |#   #",
  L: "#    |#    |#    |#    |#    |#    |#####",
  M: "#   #|## ##|# # #|# # #|#   #|#   #|#   #",
  N: "#   #|#   #|##  #|# # #|#  ##|#   #|#   #",
  O: " ### |#   #|#   #|#   #|#   #|#   #| ### ",
  P: "#### |#   #|#   #|#### |#    |#    |#    ",
  Q: " ### |#   #|#   #|#   #|# # #|#  # | ## #",
  R: "#### |#   #|#   #|#### |# #  |#  # |#   #",
  S: " ####|#    |#    | ### |    #|    #|#### ",
  T: "#####|  #  |  #  |  #  |  #  |  #  |  #  ",
  U: "#   #|#   #|#   #|#   #|#   #|#   #| ### ",
  V: "#   #|#   #|#   #|#   #|#   #| # # |  #  ",
  W: "#   #|#   #|#   #|# # #|# # #|# # #| # # ",
  X: "#   #|#   #| # # |  #  | # # |#   #|#   #",
  Y: "#   #|#   #| # # |  #  |  #  |  #  |  #  ",
  Z: "#####|    #|   # |  #  | #   |#    |#####",
  "0": " ### |#   #|#  ##|# # #|##  #|#   #| ### ",
  "1": "  #  | ##  |  #  |  #  |  #  |  #  | ### ",
  "2": " ### |#   #|    #|   # |  #  | #   |#####",
  "3": "#####|   # |  #  |   # |    #|#   #| ### ",
  "4": "   # |  ## | # # |#  # |#####|   # |   # ",
  "5": "#####|#    |#### |    #|    #|#   #| ### ",
  "6": "  ## | #   |#    |#### |#   #|#   #| ### ",
  "7": "#####|    #|   # |  #  | #   | #   | #   ",
  "8": " ### |#   #|#   #| ### |#   #|#   #| ### ",
  "9": " ### |#   #|#   #| ####|    #|   # | ##  ",
  " ": "     |     |     |     |     |     |     ",
  ".": "     |     |     |     |     | ##  | ##  ",
  ",": "     |     |     |     | ##  |  #  | #   ",
  "!": "  #  |  #  |  #  |  #  |  #  |     |  #  ",
  "?": " ### |#   #|    #|   # |  #  |     |  #  ",
  "'": "  #  |  #  | #   |     |     |     |     ",
  '"': " # # | # # |     |     |     |     |     ",
  "-": "     |     |     | ### |     |     |     ",
  ":": "     | ##  | ##  |     | ##  | ##  |     ",
  ";": "     | ##  | ##  |     | ##  |  #  | #   ",
  "(": "   # |  #  | #   | #   | #   |  #  |   # ",
  ")": " #   |  #  |   # |   # |   # |  #  | #   ",
  "/": "    #|    #|   # |  #  | #   |#    |#    ",
  "&": " ##  |#  # |# #  | #   |# # #|#  # | ## #",
  "+": "     |  #  |  #  |#####|  #  |  #  |     ",
  "=": "     |     |#####|     |#####|     |     ",
  "#": " # # | # # |#####| # # |#####| # # | # # ",
  "%": "##   |##  #|   # |  #  | #   |#  ##|   ##",
  "*": "     |  #  |# # #| ### |# # #|  #  |     ",
  "@": " ### |#   #|# ###|# # #|# ###|#    | ####",
  _: "     |     |     |     |     |     |#####",
};

export const GLYPH_W = 5;
export const GLYPH_H = 7;

/** Text reduced to what the bitmap font can draw (accents dropped, unknown signs as "?"). */
export function bitmapText(s: string): string {
  return s
    .replace(/[\u00b7\u2022\u2013\u2014]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[\t\r\n]+/g, " ")
    .replace(/./gu, (c) => (GLYPHS[c] ? c : "?"));
}

const parsed = new Map<string, string[]>();

/** Whether the glyph for `c` has ink at (x, y). */
export function ink(c: string, x: number, y: number): boolean {
  let rows = parsed.get(c);
  if (!rows) {
    rows = (GLYPHS[c] ?? GLYPHS["?"]!).split("|");
    parsed.set(c, rows);
  }
  return rows[y]?.[x] === "#";
}
