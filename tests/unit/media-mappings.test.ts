import { describe, expect, it } from "vitest";
import { formatDate } from "@/lib/format";
import { describeUpstreamError } from "@/lib/media/errors";
import { upstreamState } from "@/lib/media/upstream-state";
import { slugify } from "@/lib/text";
import {
  BadRequestError,
  InsufficientCreditError,
  NotFoundError,
  parseMedia,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
} from "@/lib/vimmerse";

// The mappings that exist once (lib/media/upstream-state.ts, lib/media/errors.ts) and the shared
// formatting, checked on their own.

const upstream = (fields: Record<string, unknown>) =>
  parseMedia({ id: "m1", title: "t", processing_status: "processing_bullet", ...fields })!;

describe("upstreamState", () => {
  it("maps processing_status and clamps progress to 0–100, whatever upstream sent", () => {
    expect(upstreamState(upstream({ progress_percentage: 150 }))).toMatchObject({
      status: "processing",
      progress: 100,
    });
    expect(upstreamState(upstream({ progress_percentage: -5 }))).toMatchObject({ progress: 0 });
    expect(upstreamState(upstream({ processing_status: "queue_bullet", progress_percentage: 12.6 }))).toMatchObject({
      status: "queued",
      progress: 13,
    });
    expect(upstreamState(upstream({ processing_status: "something_new" })).status).toBe("processing");
  });

  it("never keeps the webhook URL (it carries the secret) and says why a render failed", () => {
    const s = upstreamState(
      upstream({
        processing_status: "fail",
        webhook_url: "https://studio/api/webhooks/vimmerse/SECRET",
        error: "bad input",
      }),
    );
    expect(JSON.stringify(s.upstream)).not.toContain("SECRET");
    expect(s).toMatchObject({ status: "fail", error: "Vimmerse: bad input" });
  });
});

describe("describeUpstreamError", () => {
  it("says what happened in words fitting the action, never a raw code", () => {
    const refused = new VimmerseError("nope", { status: 400, code: "WEIRD_INTERNAL_CODE" });
    for (const action of ["create", "change", "download"] as const) {
      const p = describeUpstreamError(refused, action);
      expect(p.reason).toBe("rejected");
      expect(p.error).not.toContain("WEIRD_INTERNAL_CODE");
    }
    const down = new UpstreamUnavailableError("timeout", "timeout");
    expect(describeUpstreamError(down, "create").error).toMatch(/saved as not submitted/);
    expect(describeUpstreamError(down, "change").error).toMatch(/Nothing was changed/);
    expect(describeUpstreamError(down, "download")).toMatchObject({ reason: "unavailable", httpStatus: 503 });
    expect(describeUpstreamError(new InsufficientCreditError("x", { status: 402 }), "change")).toMatchObject({
      reason: "credit",
      httpStatus: 402,
    });
    expect(describeUpstreamError(new NotFoundError("x", { status: 404 }), "download")).toMatchObject({
      httpStatus: 404,
      error: "Vimmerse no longer has this video.",
    });
    expect(describeUpstreamError(new BadRequestError("x", { code: "MEDIA_NOT_READY" }), "download")).toMatchObject({
      httpStatus: 409,
    });
  });

  it("puts refused settings on the Create form's fields", () => {
    const err = new ValidationError(
      "422",
      { quantity: ["Too many."], camera_control: ["Unknown path."] },
      { status: 422 },
    );
    const p = describeUpstreamError(err, "create", { motionType: "Parallax", extendVideo: false });
    expect(p).toMatchObject({
      reason: "validation",
      fieldErrors: { quantity: ["Too many."], cameraPath: ["Unknown path."] },
    });
    const formOnly = describeUpstreamError(new ValidationError("422", { _: ["Try later."] }), "change", {
      motionType: "Parallax",
      extendVideo: false,
    });
    expect(formOnly).toEqual({
      reason: "validation",
      error: "Vimmerse refused the request: Try later.",
      httpStatus: 422,
    });
  });
});

describe("formatting", () => {
  it("formats dates the same way everywhere, in the zone asked for", () => {
    const d = new Date("2026-03-04T23:30:00Z");
    expect(formatDate(d, "date", "UTC")).toBe("Mar 4, 2026");
    expect(formatDate(d, "date", "Asia/Tokyo")).toBe("Mar 5, 2026");
    expect(formatDate(d.toISOString(), "dateTime", "UTC")).toBe("Mar 4, 2026, 11:30 PM UTC");
    // Formatters are kept per style and zone: asking again, in any order, gives the same answers.
    expect(formatDate(d, "dateTime", "Asia/Tokyo")).toBe("Mar 5, 2026, 8:30 AM");
    expect(formatDate(d, "date", "UTC")).toBe("Mar 4, 2026");
    expect(formatDate(d, "date", "Asia/Tokyo")).toBe("Mar 5, 2026");
  });

  it("slugs titles for URLs and file names", () => {
    expect(slugify("Sunset over Lisbon! Été", { max: 60, fallback: "video" })).toBe("sunset-over-lisbon-ete");
    expect(slugify("!!!", { fallback: "video" })).toBe("video");
    expect(slugify(`${"a".repeat(50)} b`, { max: 40 })).toHaveLength(40);
  });
});
