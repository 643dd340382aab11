import { describe, expect, it } from "vitest";
import { editSpendsCredits, ValidationError } from "@/lib/vimmerse";
import ref from "./fixtures/reference-responses.json";
import { fakeFetch, formEntries, json, testClient } from "./helpers";

// The reference's request examples, sent through the client with a fetch that captures them.

const png = (name: string, text = name) => ({
  data: new TextEncoder().encode(text),
  filename: name,
  contentType: "image/png",
});
const BASE = "https://api.vimmerse.test";

function only(requests: Request[]): Request {
  expect(requests).toHaveLength(1);
  return requests[0]!;
}

function expectCommon(req: Request, method: string, url: string) {
  expect(req.method).toBe(method);
  expect(req.url).toBe(url);
  expect(req.headers.get("x-api-key")).toBe("test-key");
}

describe("POST /media (multipart)", () => {
  it("quick start: title, prompt, sound_effects and one image", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    const media = await client.createMedia({
      title: "New Media example with image upload",
      prompt: "Generate a video that make your idea to life.",
      sound_effects: true,
      image_files: [png("image.png")],
    });
    expect(media.id).toBe("media_id");
    const req = only(f.requests);
    expectCommon(req, "POST", `${BASE}/media`);
    expect(req.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await formEntries(req)).toEqual([
      ["title", "New Media example with image upload"],
      ["prompt", "Generate a video that make your idea to life."],
      ["sound_effects", "Yes"],
      ["image_files", { filename: "image.png", type: "image/png", text: "image.png" }],
    ]);
  });

  it("two image files: start and end frame, in order", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    await client.createMedia({
      title: "New Media example with Two images upload",
      image_files: [
        png("start_frame.png"),
        { data: new Blob(["end"], { type: "image/png" }), filename: "end_frame.png" },
      ],
    });
    expect(await formEntries(only(f.requests))).toEqual([
      ["title", "New Media example with Two images upload"],
      ["image_files", { filename: "start_frame.png", type: "image/png", text: "start_frame.png" }],
      ["image_files", { filename: "end_frame.png", type: "image/png", text: "end" }],
    ]);
  });

  it("image URLs as repeated fields, KlingAI, quantity 2", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    await client.createMedia({
      title: "New Media example with 2 image URLs, generate 2 video with motion type.",
      image_urls: [
        "https://example.com/path/to/your/start_frame.png",
        "https://example.com/path/to/your/end_frame.png",
      ],
      motion_type: "KlingAI",
      quantity: 2,
    });
    expect(await formEntries(only(f.requests))).toEqual([
      ["title", "New Media example with 2 image URLs, generate 2 video with motion type."],
      ["motion_type", "KlingAI"],
      ["quantity", "2"],
      ["image_urls", "https://example.com/path/to/your/start_frame.png"],
      ["image_urls", "https://example.com/path/to/your/end_frame.png"],
    ]);
  });

  it("text prompt with sound effects given as upstream's own 'Yes'", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    await client.createMedia({
      title: "New Media example with text prompt and sound effects.",
      prompt: "Generate a video that bunny jumps into the forest.",
      sound_effects: "Yes",
    });
    expect(await formEntries(only(f.requests))).toEqual([
      ["title", "New Media example with text prompt and sound effects."],
      ["prompt", "Generate a video that bunny jumps into the forest."],
      ["sound_effects", "Yes"],
    ]);
  });

  it("every parameter, media_items as a JSON string", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    const items = [
      { type: "image", url: "https://media.vimmerse.net/your/image/file.png", position: "First" },
      { type: "video", url: "https://media.vimmerse.net/your/video/file.mp4", position: "Last" },
    ] as const;
    await client.createMedia({
      title: "t",
      description: "d",
      visibility_status: "0",
      media_items: [...items],
      prompt: "p",
      motion_type: "Parallax",
      camera_control: "StepIn",
      quantity: 4,
      duration: 10,
      loop: 6,
      motion_range: 1,
      sound_effects: false,
      extend_video: true,
      character_animate: "No",
      model: "S2V",
      aspect_ratio: "9:16",
      webhook_url: "https://studio.example.com/api/webhooks/vimmerse?m=1",
    });
    const entries = await formEntries(only(f.requests));
    expect(Object.fromEntries(entries)).toEqual({
      title: "t",
      description: "d",
      visibility_status: "0",
      prompt: "p",
      motion_type: "Parallax",
      camera_control: "StepIn",
      quantity: "4",
      duration: "10",
      loop: "6",
      motion_range: "1",
      sound_effects: "No",
      extend_video: "Yes",
      character_animate: "No",
      model: "S2V",
      aspect_ratio: "9:16",
      webhook_url: "https://studio.example.com/api/webhooks/vimmerse?m=1",
      media_items: JSON.stringify(items),
    });
  });

  it("rejects a bad input with per-field messages and sends nothing", async () => {
    const f = fakeFetch(() => json(ref.createMedia));
    const { client } = testClient(f.fetch);
    const err = await client
      .createMedia({
        quantity: 5,
        duration: 0,
        loop: 1.5,
        motion_range: 11,
        aspect_ratio: "2:1" as never,
        visibility_status: "3" as never,
        image_urls: ["ftp://x/y.png"],
        webhook_url: "not a url",
        media_items: [{ type: "image", url: "https://x/y.png", position: "Middle" as never }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err as ValidationError).fields;
    expect(Object.keys(fields).sort()).toEqual(
      [
        "aspect_ratio",
        "duration",
        "image_urls.0",
        "loop",
        "media_items.0.position",
        "motion_range",
        "quantity",
        "visibility_status",
        "webhook_url",
      ].sort(),
    );
    expect(fields.quantity).toEqual(["must be at most 4"]);
    expect(fields.duration).toEqual(["must be at least 1"]);
    expect((err as ValidationError).status).toBeNull();
    expect(f.requests).toHaveLength(0);
  });
});

describe("POST /media/upload (multipart, data as JSON)", () => {
  it("several motions as a pose_preset list, one image", async () => {
    const f = fakeFetch(() => json(ref.createMediaUpload));
    const { client } = testClient(f.fetch);
    const pose_preset = [
      {
        MotionType: "Parallax",
        Params: "CameraPath=HorizontalArc|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
      },
      { MotionType: "Parallax", Params: "CameraPath=Cross|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1" },
      { MotionType: "Parallax", Params: "CameraPath=StepD|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1" },
      { MotionType: "Auto", Params: "Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1" },
    ];
    const media = await client.createMediaUpload({
      data: { title: "New Media Example1", pose_preset },
      images: [png("nike_shoe.png")],
    });
    expect(media.id).toBe("496ae232-0ebf-409d-9fb0-fe75156254a7");
    const req = only(f.requests);
    expectCommon(req, "POST", `${BASE}/media/upload`);
    const entries = await formEntries(req);
    expect(entries.map(([k]) => k)).toEqual(["data", "image"]);
    expect(JSON.parse(entries[0]![1] as string)).toEqual({ title: "New Media Example1", pose_preset });
    expect(entries[1]![1]).toEqual({ filename: "nike_shoe.png", type: "image/png", text: "nike_shoe.png" });
  });

  it("transition: is_transition Yes, typed pose preset, two images", async () => {
    const f = fakeFetch(() => json(ref.createMediaUpload));
    const { client } = testClient(f.fetch);
    await client.createMediaUpload({
      data: {
        title: "New Media Example With Transition",
        is_transition: true,
        pose_preset: [
          {
            motionType: "Auto",
            params: { prompt: "", promptStrength: 1, quantity: 2, motionAmount: 5, motionLength: 5, loop: 1 },
          },
        ],
        submit_params: { pipeline_preset: "Fast", file_size: 1.6, sound_effects: false },
      },
      images: [png("f1.png"), png("f2.png")],
    });
    const entries = await formEntries(only(f.requests));
    expect(JSON.parse(entries[0]![1] as string)).toEqual({
      title: "New Media Example With Transition",
      is_transition: "Yes",
      pose_preset: [
        { MotionType: "Auto", Params: "Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1" },
      ],
      submit_params: { pipeline_preset: "Fast", file_size: "1.6", sound_effects: "No" },
    });
    expect(entries.slice(1).map(([k, v]) => [k, (v as { filename: string }).filename])).toEqual([
      ["image", "f1.png"],
      ["image", "f2.png"],
    ]);
  });

  it("a single pose preset stays an object; no image is a validation error", async () => {
    const f = fakeFetch(() => json(ref.createMediaUpload));
    const { client } = testClient(f.fetch);
    await client.createMediaUpload({
      data: { pose_preset: { motionType: "Parallax", params: "CameraPath=StepIn" } },
      images: [png("a.png")],
    });
    const entries = await formEntries(only(f.requests));
    expect(JSON.parse(entries[0]![1] as string)).toEqual({
      pose_preset: { MotionType: "Parallax", Params: "CameraPath=StepIn" },
    });
    const err = await client
      .createMediaUpload({ data: { pose_preset: { motionType: "Auto", params: { quantity: 9 } } }, images: [] })
      .catch((e: unknown) => e);
    expect((err as ValidationError).fields).toEqual({
      images: ["needs at least one image"],
      "data.pose_preset.params.quantity": ["must be at most 4"],
    });
    expect(f.requests).toHaveLength(1);
  });
});

describe("POST /media/prompt (JSON)", () => {
  it("sends the reference's payload as JSON", async () => {
    const f = fakeFetch(() => json(ref.createMediaFromPrompt));
    const { client } = testClient(f.fetch);
    const payload = {
      title: "New media from prompt",
      description: "New media from prompt",
      pose_preset: [
        {
          MotionType: "Auto",
          Params:
            "Prompt=Shot of Nike shoes on colorful background.|PromptStrength=5|MotionAmount=5|MotionLength=5|Loop=1|Quantity=2",
        },
      ],
    };
    const media = await client.createMediaFromPrompt(payload);
    expect(media.posePresets[0]!.params.quantity).toBe(2);
    const req = only(f.requests);
    expectCommon(req, "POST", `${BASE}/media/prompt`);
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(await req.json()).toEqual(payload);
  });

  it("typed preset and webhook", async () => {
    const f = fakeFetch(() => json(ref.createMediaFromPrompt));
    const { client } = testClient(f.fetch);
    await client.createMediaFromPrompt({
      pose_preset: { motionType: "Veo", params: { prompt: "a | b", quantity: 1, aspectRatio: "1:1" } },
      webhook_url: "https://studio.example.com/hook",
    });
    expect(await only(f.requests).json()).toEqual({
      pose_preset: { MotionType: "Veo", Params: "Prompt=a b|Quantity=1|AspectRatio=1:1" },
      webhook_url: "https://studio.example.com/hook",
    });
  });
});

describe("GET endpoints", () => {
  it("processing status and media, with the id percent-encoded", async () => {
    const f = fakeFetch(
      () => json(ref.processingStatus),
      () => json(ref.getMedia),
    );
    const { client } = testClient(f.fetch);
    expect(await client.getProcessingStatus("a/b c")).toMatchObject({
      progressPercentage: 100,
      processingStatus: "success",
    });
    expect((await client.getMedia("a/b c")).id).toBe("media_id");
    expectCommon(f.requests[0]!, "GET", `${BASE}/media/a%2Fb%20c/processing-status`);
    expectCommon(f.requests[1]!, "GET", `${BASE}/media/a%2Fb%20c`);
    expect(f.requests[1]!.body).toBeNull();
  });

  it("an empty id is refused before sending", async () => {
    const f = fakeFetch(() => json(ref.getMedia));
    const { client } = testClient(f.fetch);
    await expect(client.getMedia("")).rejects.toBeInstanceOf(ValidationError);
    expect(f.requests).toHaveLength(0);
  });
});

describe("PUT /media/{id}/edit (form data)", () => {
  it("without resubmitting: title, rating, visibility", async () => {
    const f = fakeFetch(() => json(ref.editMedia));
    const { client } = testClient(f.fetch);
    const patch = { title: "New Updated Title", rating: "5", visibility_status: "2" } as const;
    expect(editSpendsCredits(patch)).toBe(false);
    const media = await client.editMedia("MEDIA_ID", patch);
    expect(media.id).toBe("media_id");
    const req = only(f.requests);
    expectCommon(req, "PUT", `${BASE}/media/MEDIA_ID/edit`);
    expect(await formEntries(req)).toEqual([
      ["title", "New Updated Title"],
      ["rating", "5"],
      ["visibility_status", "2"],
    ]);
  });

  it("with resubmitting: motion type and duration", async () => {
    const f = fakeFetch(() => json(ref.editMedia));
    const { client } = testClient(f.fetch);
    const patch = { title: "New Updated Title", motion_type: "RunwayML", duration: 9 };
    expect(editSpendsCredits(patch)).toBe(true);
    await client.editMedia("MEDIA_ID", patch);
    expect(await formEntries(only(f.requests))).toEqual([
      ["title", "New Updated Title"],
      ["motion_type", "RunwayML"],
      ["duration", "9"],
    ]);
  });

  it("editSpendsCredits knows every generation parameter", () => {
    for (const patch of [
      { prompt: "" },
      { quantity: 1 },
      { loop: 2 },
      { aspect_ratio: "1:1" as const },
      { sound_effects: false },
    ]) {
      expect(editSpendsCredits(patch)).toBe(true);
    }
    expect(editSpendsCredits({ description: "x", webhook_url: "https://x.test/" })).toBe(false);
  });

  it("an empty answer is followed by a GET; an empty patch is refused", async () => {
    const f = fakeFetch(
      () => json({ data: {} }),
      () => json(ref.getMedia),
    );
    const { client } = testClient(f.fetch);
    expect((await client.editMedia("m1", { title: "x" })).id).toBe("media_id");
    expect(f.requests.map((r) => r.method)).toEqual(["PUT", "GET"]);
    await expect(client.editMedia("m1", {})).rejects.toBeInstanceOf(ValidationError);
    expect(f.requests).toHaveLength(2);
  });
});

describe("download and process", () => {
  it("download: query parameters as in the reference", async () => {
    const f = fakeFetch(() => new Response("mp4", { headers: { "content-type": "video/mp4" } }));
    const { client } = testClient(f.fetch);
    await (await client.download("MEDIA_ID", { objectType: "bullet_video_mp4", motionType: "Auto" })).body.cancel();
    await (
      await client.download("MEDIA_ID", {
        objectType: "bullet_video_mp4",
        motionType: "Auto",
        width: 1080,
        fileSize: 4,
      })
    ).body.cancel();
    await (await client.download("MEDIA_ID", { objectType: "bullet_video_mp4", motionType: "Auto1" })).body.cancel();
    expectCommon(
      f.requests[0]!,
      "GET",
      `${BASE}/media/MEDIA_ID/download?object_type=bullet_video_mp4&motion_type=Auto`,
    );
    expectCommon(
      f.requests[1]!,
      "GET",
      `${BASE}/media/MEDIA_ID/download?object_type=bullet_video_mp4&motion_type=Auto&width=1080&file_size=4`,
    );
    expect(f.requests[2]!.url).toBe(`${BASE}/media/MEDIA_ID/download?object_type=bullet_video_mp4&motion_type=Auto1`);
  });

  it('process: POST without body; {"data": {}} resolves to null', async () => {
    const f = fakeFetch(() => json(ref.processMedia));
    const { client } = testClient(f.fetch);
    expect(await client.processMedia("MEDIA_ID")).toBeNull();
    const req = only(f.requests);
    expectCommon(req, "POST", `${BASE}/media/MEDIA_ID/process`);
    expect(req.body).toBeNull();
  });

  it("process: a media answer is parsed", async () => {
    const f = fakeFetch(() => json(ref.editMedia));
    const { client } = testClient(f.fetch);
    expect((await client.processMedia("MEDIA_ID"))?.id).toBe("media_id");
  });
});
