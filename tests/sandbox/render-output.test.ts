import { readFile, stat } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  fakeNetwork,
  frameAt,
  IMAGES,
  KEY,
  meanDiff,
  parallax,
  probeFile,
  render,
  saveBody,
  tempDir,
  testImage,
} from "./helpers";

// What the renders contain (length, size, sound, inputs) and how they are downloaded, checked
// with ffprobe and by comparing decoded frames.

let landscape: Blob; // 16:9
let portrait: Blob; // 9:16
let other: Blob; // a different 16:9 picture

beforeAll(async () => {
  [landscape, portrait, other] = await Promise.all([
    testImage(960, 540, 0),
    testImage(360, 640, 2),
    testImage(960, 540, 1),
  ]);
});

describe("length, size and sound", { timeout: 180_000 }, () => {
  it("lasts duration x loop, repeating the motion each loop, at the aspect ratio's 720p size, with sound when asked", async () => {
    const { results, files } = await render({
      data: JSON.stringify({
        pose_preset: [
          parallax("HorizontalArc", "MotionLength=1|Loop=3|AspectRatio=1:1"),
          { MotionType: "Auto", Params: "MotionLength=1|AspectRatio=9:16" },
          { MotionType: "Auto", Params: "MotionLength=1|AspectRatio=4:3" },
          { MotionType: "Auto", Params: "MotionLength=1|AspectRatio=3:4" },
        ],
        submit_params: { sound_effects: "Yes" },
      }),
      image: landscape,
    });
    expect(results.map((r) => [r.motion_type, r.width, r.height])).toEqual([
      ["Parallax1", 720, 720],
      ["Auto1", 720, 1280],
      ["Auto2", 960, 720],
      ["Auto3", 720, 960],
    ]);
    const looped = await probeFile(files[0]!);
    expect(looped).toMatchObject({ width: 720, height: 720, audio: true, frames: 75 });
    expect(looped.duration).toBeGreaterThan(2.9);
    expect(looped.duration).toBeLessThan(3.15);
    // Same moment in loops 1 and 3 looks the same; half a loop later it does not.
    const inFirst = await frameAt(files[0]!, 0.4);
    const inThird = await frameAt(files[0]!, 2.4);
    const offPhase = await frameAt(files[0]!, 0.9);
    expect(meanDiff(inFirst, inThird)).toBeLessThan(1.5);
    expect(meanDiff(inFirst, offPhase)).toBeGreaterThan(2);
    for (const [i, size] of [
      [1, [720, 1280]],
      [2, [960, 720]],
      [3, [720, 960]],
    ] as const) {
      const info = await probeFile(files[i]!);
      expect([info.width, info.height]).toEqual(size);
      expect(info.audio).toBe(true);
      expect(info.duration).toBeCloseTo(1, 1);
    }
  });

  it("takes the aspect ratio from the image when none is given (16:9 with no image)", async () => {
    const { results, files } = await render({ image_files: portrait, duration: "1" }, "/media");
    expect([results[0]!.width, results[0]!.height]).toEqual([720, 1280]);
    expect(await probeFile(files[0]!)).toMatchObject({ width: 720, height: 1280 });
  });

  it("renders a prompt-only media as an animated card, 16:9, without audio by default", async () => {
    const { files, results, media } = await render(
      { prompt: "A bunny jumps into the forest", duration: "1" },
      "/media",
    );
    expect(results[0]).toMatchObject({ motion_type: "Auto1", width: 1280, height: 720 });
    expect(media.file_map).toEqual([]);
    const info = await probeFile(files[0]!);
    expect(info).toMatchObject({ width: 1280, height: 720, audio: false });
    expect(info.duration).toBeCloseTo(1, 1);
    expect(meanDiff(await frameAt(files[0]!, 0.1), await frameAt(files[0]!, 0.8))).toBeGreaterThan(1);
  });

  it("turns two images into a transition from the first to the last", async () => {
    const net = fakeNetwork();
    const toPng = async (b: Blob) => Buffer.from(await b.arrayBuffer());
    net.images.set("/first.png", await toPng(landscape));
    net.images.set("/last.png", await toPng(other));
    const { files, media } = await render(
      {
        image_urls: [`${IMAGES}/first.png`, `${IMAGES}/last.png`],
        duration: "2",
        motion_type: "Parallax",
        camera_control: "StepIn",
      },
      "/media",
      net,
    );
    expect(media.is_transition).toBe("Yes");
    const thumb = async (b: Blob) => {
      const dir = tempDir("thumb");
      const f = `${dir}/in.png`;
      const { writeFile } = await import("node:fs/promises");
      await writeFile(f, await toPng(b));
      return frameAt(f, 0);
    };
    const [a, b] = [await thumb(landscape), await thumb(other)];
    const start = await frameAt(files[0]!, 0.1);
    const end = await frameAt(files[0]!, 1.9);
    expect(meanDiff(start, a)).toBeLessThan(meanDiff(start, b));
    expect(meanDiff(end, b)).toBeLessThan(meanDiff(end, a));
  });
});

describe("files and downloads", { timeout: 180_000 }, () => {
  it("serves results without a key, and downloads mp4, gif and source with attachment headers", async () => {
    const { sandbox, media, results, files } = await render({
      data: JSON.stringify({
        pose_preset: { MotionType: "Parallax", Params: "CameraPath=Circular|Quantity=2|MotionLength=2" },
      }),
      image: landscape,
    });
    const id = media.id;
    expect(results.map((r) => r.motion_type)).toEqual(["Parallax1", "Parallax2"]);
    expect(media.duration_time).toBe("2.0");

    for (const [url, type] of [
      [results[0]!.url, "video/mp4"],
      [results[0]!.gif_url, "image/gif"],
      [results[0]!.poster_url, "image/jpeg"],
    ] as const) {
      const r = await call(sandbox, "GET", url.slice("http://studio.test/api/sandbox".length), {}, null);
      expect(r.status).toBe(200);
      expect(r.res.headers.get("content-type")).toBe(type);
      await r.res.body?.cancel();
    }

    const mp4 = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Parallax2`);
    expect(mp4.status).toBe(200);
    expect(mp4.res.headers.get("content-type")).toBe("video/mp4");
    expect(mp4.res.headers.get("content-disposition")).toBe(`attachment; filename="${id}_Parallax2.mp4"`);
    expect(Number(mp4.res.headers.get("content-length"))).toBe((await stat(files[1]!)).size);
    const saved = await saveBody(mp4.res, "p2.mp4");
    expect((await readFile(saved)).equals(await readFile(files[1]!))).toBe(true);

    const plain = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Parallax`);
    expect(Number(plain.res.headers.get("content-length"))).toBe((await stat(files[0]!)).size);
    await plain.res.body?.cancel();

    const gif = await call(sandbox, "GET", `/media/${id}/download?object_type=bullet_video_gif&motion_type=Parallax1`);
    expect(gif.res.headers.get("content-type")).toBe("image/gif");
    const gifInfo = await probeFile(await saveBody(gif.res, "p1.gif"));
    expect(gifInfo.width).toBe(480);

    const source = await call(sandbox, "GET", `/media/${id}/download?object_type=source`);
    expect(source.status).toBe(200);
    expect(Buffer.from(await source.res.arrayBuffer()).equals(Buffer.from(await landscape.arrayBuffer()))).toBe(true);

    const unknown = await call(
      sandbox,
      "GET",
      `/media/${id}/download?object_type=bullet_video_mp4&motion_type=KlingAI1`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: "INVALID_MOTION_TYPE" });

    const range = await sandbox.handle(
      new Request(`http://studio.test/api/sandbox/media/${id}/download?object_type=bullet_video_mp4`, {
        headers: { "x-api-key": KEY, range: "bytes=0-99" },
      }),
    );
    expect(range.status).toBe(206);
    expect((await range.arrayBuffer()).byteLength).toBe(100);

    // width= scales (and is cached), file_size= caps the size.
    const narrow = await call(
      sandbox,
      "GET",
      `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Parallax1&width=640`,
    );
    expect(narrow.status).toBe(200);
    const narrowInfo = await probeFile(await saveBody(narrow.res, "narrow.mp4"));
    expect([narrowInfo.width, narrowInfo.height]).toEqual([640, 360]);
    expect(narrowInfo.duration).toBeCloseTo(2, 1);
    const t0 = Date.now();
    const cached = await call(
      sandbox,
      "GET",
      `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Parallax1&width=640`,
    );
    await cached.res.body?.cancel();
    expect(Date.now() - t0).toBeLessThan(500);

    const original = (await stat(files[0]!)).size;
    const capMB = Math.round((original * 0.3) / 1000) / 1000;
    const small = await call(
      sandbox,
      "GET",
      `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Parallax1&file_size=${capMB}`,
    );
    expect(small.status).toBe(200);
    const smallFile = await saveBody(small.res, "small.mp4");
    expect((await stat(smallFile)).size).toBeLessThanOrEqual(capMB * 1_000_000);
    expect((await probeFile(smallFile)).duration).toBeCloseTo(2, 1);

    const smallGif = await call(
      sandbox,
      "GET",
      `/media/${id}/download?object_type=bullet_video_gif&motion_type=Parallax1&width=240`,
    );
    expect((await probeFile(await saveBody(smallGif.res, "small.gif"))).width).toBe(240);
  });
});
