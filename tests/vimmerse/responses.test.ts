import { describe, expect, it } from "vitest";
import {
  isTerminalStatus,
  parseMedia,
  parseProcessingStatus,
  parseWebhookPayload,
  variantKeys,
  variants,
} from "@/lib/vimmerse";
import ref from "./fixtures/reference-responses.json";

// Every response example printed in the publisher's reference, parsed as-is.

describe("reference response examples", () => {
  it("create: data nested once, Params with empty Prompt/CameraPath, string numbers", () => {
    const m = parseMedia(ref.createMedia)!;
    expect(m).not.toBeNull();
    expect(m.id).toBe("media_id");
    expect(m.title).toBe("New Media example with a file upload");
    expect(m.rating).toBeNull();
    expect(m.customerId).toBe("customer_id");
    expect(m.batchId).toBeNull();
    expect(m.isTransition).toBe(false);
    expect(m.durationTime).toBe(0);
    expect(m.progressPercentage).toBe(20);
    expect(m.processingStatus).toBe("queue_bullet");
    expect(m.visibilityStatus).toBe("1");
    expect(m.fileMap).toEqual([
      { fileType: "Texture", fileName: "filename.jpg", raw: { FileType: "Texture", FileName: "filename.jpg" } },
    ]);
    expect(m.submitParams).toMatchObject({
      soundEffects: false,
      pipelinePreset: "Fast",
      fileSize: "",
      scaleFactor: "1",
    });
    expect(m.posePresets).toHaveLength(1);
    expect(m.posePresets[0]).toMatchObject({
      motionType: "Auto",
      paramsRaw: "Prompt=|CameraPath=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
      params: { prompt: "", cameraPath: "", quantity: 1, motionAmount: 5, motionLength: 5, loop: 1, extra: {} },
    });
    expect(m.bulletVersion).toBe(0);
    expect(m.videoHistory).toEqual([]);
    expect(m.result).toEqual([]);
    expect(m.webhookUrl).toBeNull();
    expect(m.nsfw).toBe(false);
    expect(m.createdAt?.toISOString()).toBe("2025-04-01T18:57:37.355Z");
    expect(m.updatedAt?.toISOString()).toBe("2025-04-01T18:57:55.502Z");
    expect(m.raw).toBe(ref.createMedia.data);
    expect(m.raw.intermediate_results).toEqual([]);
    expect(m.raw.version).toBe("2");
    expect(isTerminalStatus(m.processingStatus)).toBe(false);
    expect(variantKeys(m)).toEqual(["Auto1"]);
  });

  it("upload: Parallax with undocumented Params keys, history entry without generate_type, no visibility", () => {
    const m = parseMedia(ref.createMediaUpload)!;
    expect(m.id).toBe("496ae232-0ebf-409d-9fb0-fe75156254a7");
    expect(m.title).toBe("Demo Title");
    expect(m.description).toBe("This fake media is created for demo.");
    expect(m.rating).toBeNull();
    expect(m.visibilityStatus).toBeNull();
    expect(m.durationTime).toBe(5);
    expect(m.progressPercentage).toBe(100);
    expect(m.processingStatus).toBe("success");
    expect(m.posePresets[0]!.params).toEqual({
      cameraPath: "StepIn",
      prompt: "",
      promptStrength: 0,
      quantity: 1,
      motionAmount: 5,
      motionLength: 5,
      loop: 1,
      extra: { Zoom: "1" },
    });
    expect(m.videoHistory).toHaveLength(1);
    const h = m.videoHistory[0]!;
    expect(h.createdAt?.toISOString()).toBe("2024-06-12T06:42:30.198Z");
    expect(h.generateType).toBeNull();
    expect(h.serviceName).toBeNull();
    expect(h.serviceSeeds).toEqual([]);
    expect(h.resolution).toBeNull();
    expect(h.bulletVersion).toBe(1);
    expect(h.posePresets[0]!.params.extra).toEqual({
      EasyEase: "1",
      Zoom: "1",
      HorizontalCrop: "0",
      VerticalCrop: "0",
      Seed: "0",
      GuidanceScale: "0",
    });
    expect(h.fileMap[0]!.fileName).toBe("uploading_file_example.jpg");
    expect(h.raw).toBe(ref.createMediaUpload.data.video_history[0]);
    // Offset-less timestamp is UTC upstream.
    expect(m.updatedAt?.toISOString()).toBe("2024-06-24T16:02:26.767Z");
    expect(m.result).toEqual([]);
    expect(isTerminalStatus(m.processingStatus)).toBe(true);
    expect(variantKeys(m)).toEqual(["Parallax1"]);
  });

  it("prompt: pose_preset as a list, in the media and in its history", () => {
    const m = parseMedia(ref.createMediaFromPrompt)!;
    expect(m.id).toBe("573baf50-2506-4f24-a437-93678f1e5122");
    expect(m.fileMap).toEqual([]);
    expect(m.posePresets).toHaveLength(1);
    expect(m.posePresets[0]!.params).toEqual({
      prompt: "Shot of Nike shoes on colorful background.",
      promptStrength: 5,
      motionAmount: 5,
      motionLength: 5,
      loop: 1,
      quantity: 2,
      extra: {},
    });
    expect(m.videoHistory[0]!.posePresets[0]!.motionType).toBe("Auto");
    expect(variantKeys(m)).toEqual(["Auto1", "Auto2"]);
  });

  it("processing status: percentage as a string", () => {
    expect(parseProcessingStatus(ref.processingStatus)).toEqual({
      progressPercentage: 100,
      processingStatus: "success",
      raw: ref.processingStatus.data,
    });
  });

  it("GET media: data nested twice, full history entry, service fields", () => {
    const m = parseMedia(ref.getMedia)!;
    expect(m.id).toBe("media_id");
    expect(m.batchId).toBe("batch_id");
    expect(m.title).toBe("");
    expect(m.serviceName).toBe("RunwayML");
    expect(m.serviceVersion).toBe("gen3a_turbo:2024-11-06");
    expect(m.baseUrl).toBeNull();
    expect(m.posePresets[0]!.params.aspectRatio).toBe("16:9");
    const h = m.videoHistory[0]!;
    expect(h.generateType).toBe("GENERATE_VIDEO");
    expect(h.serviceName).toBe("RunwayML");
    expect(h.serviceSeeds).toEqual([6305]);
    expect(h.resolution).toEqual({ width: 1280, height: 704 });
    expect(h.createdAt?.toISOString()).toBe("2025-04-01T13:20:36.607Z");
    expect(m.raw).toBe(ref.getMedia.data.data);
  });

  it("edit: the media object, nested once", () => {
    const m = parseMedia(ref.editMedia)!;
    expect(m.id).toBe("media_id");
    expect(m.processingStatus).toBe("success");
    expect(m.videoHistory).toHaveLength(1);
  });

  it('process: {"data": {}} is no media', () => {
    expect(parseMedia(ref.processMedia)).toBeNull();
  });

  it("webhook payload", () => {
    expect(parseWebhookPayload(ref.webhook)).toEqual({
      customerId: "YOUR_CUSTOMER_ID",
      mediaId: "YOUR_NEW_MEDIA_ID",
      batchId: null,
      status: "success",
      raw: ref.webhook,
    });
  });
});

describe("tolerance beyond the examples", () => {
  it("keeps unknown fields, unknown statuses, result items and base_url", () => {
    const m = parseMedia({
      data: {
        id: 42,
        processing_status: "rendering_v2",
        progress_percentage: "37.5",
        result: [{ anything: 1 }, "x"],
        base_url: "https://media.vimmerse.net/x/",
        is_transition: "Yes",
        rating: "5",
        brand_new_field: { a: 1 },
      },
    })!;
    expect(m.id).toBe("42");
    expect(m.processingStatus).toBe("rendering_v2");
    expect(m.progressPercentage).toBe(37.5);
    expect(m.result).toEqual([{ anything: 1 }, "x"]);
    expect(m.baseUrl).toBe("https://media.vimmerse.net/x/");
    expect(m.isTransition).toBe(true);
    expect(m.rating).toBe(5);
    expect(m.raw.brand_new_field).toEqual({ a: 1 });
    expect(m.posePresets).toEqual([]);
    expect(m.submitParams).toBeNull();
    expect(m.createdAt).toBeNull();
  });

  it("survives garbage in every optional field", () => {
    const m = parseMedia({
      data: {
        id: "m1",
        title: null,
        progress_percentage: "n/a",
        duration_time: "",
        file_map: "nope",
        pose_preset: [null, 3, { MotionType: "KlingAI" }],
        video_history: [null, {}],
        created_at: "yesterday-ish",
        result: null,
      },
    })!;
    expect(m.title).toBe("");
    expect(m.progressPercentage).toBe(0);
    expect(m.durationTime).toBeNull();
    expect(m.fileMap).toEqual([]);
    expect(m.posePresets.map((p) => [p.motionType, p.paramsRaw])).toEqual([["KlingAI", ""]]);
    expect(m.videoHistory).toHaveLength(1);
    expect(m.videoHistory[0]!.posePresets).toEqual([]);
    expect(m.createdAt).toBeNull();
    expect(m.result).toEqual([]);
  });

  it("no media without an id", () => {
    expect(parseMedia({ data: { title: "x" } })).toBeNull();
    expect(parseMedia(null)).toBeNull();
    expect(parseMedia({ data: null })).toBeNull();
  });

  it("status without percentage: success means 100", () => {
    expect(parseProcessingStatus({ data: { processing_status: "success" } })?.progressPercentage).toBe(100);
    expect(
      parseProcessingStatus({ data: { data: { processing_status: "fail", progress_percentage: 140 } } }),
    ).toMatchObject({
      progressPercentage: 100,
      processingStatus: "fail",
    });
  });

  it("isTerminalStatus", () => {
    expect(["success", "fail", "cancel"].every(isTerminalStatus)).toBe(true);
    expect(["queue_bullet", "processing_bullet", "whatever", null, undefined].some(isTerminalStatus)).toBe(false);
  });

  it("variant keys number on across presets of the same motion type", () => {
    const m = parseMedia({
      data: {
        id: "m",
        pose_preset: [
          {
            MotionType: "Parallax",
            Params: "CameraPath=HorizontalArc|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          {
            MotionType: "Parallax",
            Params: "CameraPath=Cross|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          {
            MotionType: "Parallax",
            Params: "CameraPath=StepD|Prompt=|Quantity=1|MotionAmount=5|MotionLength=5|Loop=1",
          },
          { MotionType: "Auto", Params: "Prompt=|PromptStrength=1|Quantity=2|MotionAmount=5|MotionLength=5|Loop=1" },
        ],
      },
    })!;
    expect(variantKeys(m)).toEqual(["Parallax1", "Parallax2", "Parallax3", "Auto1", "Auto2"]);
    expect(variants(m)[4]).toEqual({ key: "Auto2", motionType: "Auto", number: 2, presetIndex: 3 });
  });

  it("webhook with batch_id instead of media_id; rejects one with neither", () => {
    expect(parseWebhookPayload({ customer_id: "c", batch_id: "b1", status: "fail", extra: true })).toMatchObject({
      mediaId: null,
      batchId: "b1",
      status: "fail",
    });
    expect(parseWebhookPayload({ customer_id: "c", status: "success" })).toBeNull();
    expect(parseWebhookPayload("nope")).toBeNull();
  });
});
