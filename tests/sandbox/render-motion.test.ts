import { beforeAll, describe, expect, it } from "vitest";
import { CAMERA_PATHS } from "@/lib/sandbox/types";
import { ffmpegRun, frameAt, meanDiff, parallax, probeFile, render, testImage } from "./helpers";

// Camera motion of the renders, checked by comparing decoded frames.

let landscape: Blob; // 16:9

beforeAll(async () => {
  landscape = await testImage(960, 540, 0);
});

describe("camera paths", { timeout: 180_000 }, () => {
  it("renders every Parallax path as smooth-looking, distinct motion", async () => {
    const { results, files, media } = await render({
      data: JSON.stringify({ pose_preset: CAMERA_PATHS.map((p) => parallax(p)) }),
      image: landscape,
    });
    expect(results.map((r) => r.motion_type)).toEqual(CAMERA_PATHS.map((_, i) => `Parallax${i + 1}`));
    expect(results.map((r) => r.camera_path)).toEqual([...CAMERA_PATHS]);
    expect(media.service_name).toBe("Sandbox (Parallax)");
    const signatures: Buffer[] = [];
    for (const [i, file] of files.entries()) {
      const info = await probeFile(file);
      expect(info).toMatchObject({ width: 720, height: 720, audio: false });
      expect(info.duration).toBeCloseTo(1, 1);
      const early = await frameAt(file, 0.1);
      const late = await frameAt(file, 0.85);
      expect(meanDiff(early, late), `${CAMERA_PATHS[i]} moves`).toBeGreaterThan(2);
      signatures.push(Buffer.concat([await frameAt(file, 0.3), late]));
    }
    for (let a = 0; a < signatures.length; a++) {
      for (let b = a + 1; b < signatures.length; b++) {
        expect(meanDiff(signatures[a]!, signatures[b]!), `${CAMERA_PATHS[a]} vs ${CAMERA_PATHS[b]}`).toBeGreaterThan(1);
      }
    }
  });

  it("moves a slow pan by similar amounts every frame (sub-pixel, no stepping)", async () => {
    const { files } = await render({
      data: JSON.stringify({ pose_preset: parallax("StepR", "MotionLength=3|MotionAmount=1") }),
      image: landscape,
    });
    // Full-resolution crop of the centre, every frame, grey.
    const raw = await ffmpegRun(["-i", files[0]!, "-vf", "crop=320:180,format=gray", "-f", "rawvideo", "pipe:1"]);
    const size = 320 * 180;
    const frames = raw.length / size;
    expect(frames).toBe(75);
    const diffs: number[] = [];
    for (let i = 1; i < frames; i++)
      diffs.push(meanDiff(raw.subarray((i - 1) * size, i * size), raw.subarray(i * size, (i + 1) * size)));
    // The middle of an eased move runs at a nearly constant speed: no frozen frames, no jumps.
    const middle = diffs.slice(Math.floor(frames * 0.3), Math.floor(frames * 0.7));
    const sorted = [...middle].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(0.5);
    expect(sorted[0]! / median).toBeGreaterThan(0.5);
    expect(sorted[sorted.length - 1]! / median).toBeLessThan(2);
  });

  it("gives the variants of an AI stand-in different camera paths and says what it stands in for", async () => {
    const { results, media, files } = await render(
      {
        motion_type: "KlingAI",
        quantity: "3",
        duration: "1",
        aspect_ratio: "1:1",
        image_files: landscape,
        prompt: "a shoe",
      },
      "/media",
    );
    expect(results.map((r) => r.motion_type)).toEqual(["KlingAI1", "KlingAI2", "KlingAI3"]);
    expect(new Set(results.map((r) => r.camera_path)).size).toBe(3);
    expect(media.service_name).toBe("Sandbox (stand-in for KlingAI)");
    expect(media.video_history[0]).toMatchObject({
      service_name: "Sandbox (stand-in for KlingAI)",
      service_version: "sandbox-1",
      resolution: [720, 720],
    });
    const a = await frameAt(files[0]!, 0.5);
    const b = await frameAt(files[1]!, 0.5);
    expect(meanDiff(a, b)).toBeGreaterThan(1);
  });
});
