// Render speed of the offline sandbox against real time: a 5-second 720p Parallax clip.
// Run on demand: npx tsx tests/bench/render-bench.ts  (not part of the test suite)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { binaries } from "../../lib/sandbox/render/ffmpeg";
import { renderVariant } from "../../lib/sandbox/render/variant";
import type { CameraPath } from "../../lib/sandbox/types";

const SECONDS = 5;
const WIDTH = 1280;
const HEIGHT = 720;

async function main() {
  const { ffmpeg } = await binaries();
  const dir = mkdtempSync(path.join(tmpdir(), "sandbox-bench-"));
  try {
    // A detailed 1080p still, like a photo upload (fine detail shows any judder or blur).
    const source = path.join(dir, "source.png");
    const made = spawnSync(ffmpeg, [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=1920x1080:d=1",
      "-frames:v",
      "1",
      source,
    ]);
    if (made.status !== 0) throw new Error(made.stderr.toString());
    const version = spawnSync(ffmpeg, ["-version"]).stdout.toString().split("\n")[0];
    console.log(
      `Sandbox render benchmark: ${cpus().length} CPU(s), load average ${loadavg()[0]!.toFixed(2)}, ${version}`,
    );
    console.log(`Clip: Parallax, ${WIDTH}x${HEIGHT}, ${SECONDS}s at 25 fps, H.264 (veryfast) + GIF + JPEG poster\n`);

    const rows: string[][] = [];
    for (const cameraPath of ["HorizontalArc", "StepIn", "Circular"] as CameraPath[]) {
      const out = {
        mp4: path.join(dir, `${cameraPath}.mp4`),
        gif: path.join(dir, `${cameraPath}.gif`),
        poster: path.join(dir, `${cameraPath}.jpg`),
      };
      const start = performance.now();
      let mp4Done = 0;
      await renderVariant({
        kind: "image",
        images: [source],
        prompt: "",
        caption: "",
        width: WIDTH,
        height: HEIGHT,
        seconds: SECONDS,
        loops: 1,
        motion: { path: cameraPath, amount: 5, variant: 0 },
        audio: false,
        font: null,
        workDir: path.join(dir, `work-${cameraPath}`),
        out,
        onProgress: (f) => {
          if (f >= 0.8 && !mp4Done) mp4Done = performance.now();
        },
      });
      const total = (performance.now() - start) / 1000;
      const mp4 = ((mp4Done || performance.now()) - start) / 1000;
      rows.push([
        cameraPath,
        `${mp4.toFixed(2)} s`,
        `${(mp4 / SECONDS).toFixed(2)}x`,
        `${total.toFixed(2)} s`,
        `${(total / SECONDS).toFixed(2)}x`,
        `${(statSync(out.mp4).size / 1e6).toFixed(2)} MB`,
      ]);
    }
    const head = ["camera path", "mp4 render", "mp4/duration", "mp4+gif+poster", "total/duration", "mp4 size"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    const worst = Math.max(...rows.map((r) => Number(r[4]!.replace("x", ""))));
    console.log(
      `\nSlowest full render took ${worst.toFixed(2)}x the clip's duration: ${worst < 1 ? "faster than real time" : "SLOWER than real time"}.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
