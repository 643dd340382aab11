import { z } from "zod";
import { clampMs, parseTimecode } from "./timecode";

// The review forms' fields, checked on the server whatever the browser sent.

import { BODY_MAX } from "./limits";

export { BODY_MAX };
export const TIMECODE_HELP = "Write a time like 1:23, or seconds such as 83 or 83.5.";

const blankToUndefined = (v: unknown) => (v == null || v === "" ? undefined : v);
const id = (message: string) => z.preprocess((v) => v ?? "", z.string().trim().pipe(z.uuid(message)));
const optionalId = (message: string) =>
  z.preprocess(blankToUndefined, z.string().trim().pipe(z.uuid(message)).optional());

export const commentSchema = z
  .object({
    mediaId: id("That video doesn't exist in this team."),
    generationId: optionalId("That version doesn't belong to this video."),
    parentId: optionalId("The comment you answered no longer exists."),
    body: z.preprocess(
      (v) => v ?? "",
      z
        .string()
        .trim()
        .min(1, "Write a comment.")
        .max(BODY_MAX, `A comment can be at most ${BODY_MAX.toLocaleString("en")} characters.`),
    ),
    /** What a person typed: "1:23", "83" or "83.5" seconds. */
    timecode: z.preprocess(
      (v) => v ?? "",
      z.string().transform((s, ctx) => {
        const ms = parseTimecode(s);
        if (ms === undefined) ctx.addIssue({ code: "custom", message: TIMECODE_HELP });
        return ms ?? null;
      }),
    ),
    /** What the player read ("At current time"), in milliseconds; it wins over the typed time. */
    timecodeMs: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: TIMECODE_HELP }).refine(Number.isFinite, TIMECODE_HELP).optional(),
    ),
  })
  .transform(({ timecode, timecodeMs, ...rest }) => ({
    ...rest,
    timecodeMs: timecodeMs === undefined ? timecode : clampMs(timecodeMs),
  }));
export type CommentInput = z.output<typeof commentSchema>;

export const resolveSchema = z.object({
  commentId: id("That comment no longer exists."),
  resolved: z.enum(["1", "0"], { error: "Choose to resolve or reopen." }).transform((v) => v === "1"),
});

export const reviewSchema = z.object({
  mediaId: id("That video doesn't exist in this team."),
  generationId: id("That version doesn't belong to this video."),
  review: z
    .enum(["approved", "changes_requested", "clear"], { error: "Choose Approve, Request changes or Clear." })
    .transform((v) => (v === "clear" ? null : v)),
});
