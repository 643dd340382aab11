import { describe, expect, it } from "vitest";
import { findMentions, mentionSegments } from "@/lib/review/mentions";
import { commentSchema, TIMECODE_HELP } from "@/lib/review/schemas";
import { formatTimecode, MAX_TIMECODE_MS, parseTimecode } from "@/lib/review/timecode";

// The review's pure rules: times as people write them, and @mentions of the team's people.

describe("timecodes", () => {
  const reads = [
    ["1:23", 83_000],
    ["83", 83_000],
    ["83.5", 83_500],
    [" 0:07 ", 7_000],
    ["0:07.25", 7_250],
    ["1:02:03", 3_723_000],
    ["0", 0],
    ["-5", 0],
    ["-0:03", 0],
    ["", null],
    ["   ", null],
    ["abc", undefined],
    ["1:75", undefined],
    ["1:2:3:4", undefined],
    ["1.5:00", undefined],
    ["1e3", undefined],
    ["1:", undefined],
    ["99999999", MAX_TIMECODE_MS],
  ] as const;
  it("reads what people write", () => {
    for (const [text, ms] of reads) expect(parseTimecode(text), text).toBe(ms);
  });

  const shows = [
    [0, "0:00"],
    [7_000, "0:07"],
    [7_999, "0:07"],
    [83_500, "1:23"],
    [3_723_000, "1:02:03"],
  ] as const;
  it("shows whole seconds", () => {
    for (const [ms, label] of shows) expect(formatTimecode(ms), String(ms)).toBe(label);
  });

  const base = { mediaId: "6f1f7c1e-8a3b-4c55-9a77-0d3c2b1a0e11", body: "ok" };
  const stores: [Record<string, string>, number | null][] = [
    [{ timecode: "1:23" }, 83_000],
    [{ timecode: "" }, null],
    [{}, null],
    [{ timecodeMs: "7250.4" }, 7_250],
    [{ timecodeMs: "-20" }, 0],
    [{ timecodeMs: "1e12" }, MAX_TIMECODE_MS],
    // The player's reading wins over what was left in the field.
    [{ timecode: "0:01", timecodeMs: "7000" }, 7_000],
    [{ timecode: "0:01", timecodeMs: "" }, 1_000],
  ];
  it("stores the form's time in milliseconds, the player's reading first", () => {
    for (const [fields, ms] of stores) {
      const r = commentSchema.safeParse({ ...base, ...fields });
      expect(r.success && r.data.timecodeMs, JSON.stringify(fields)).toBe(ms);
    }
  });

  it("refuses an unreadable time with a hint", () => {
    for (const fields of [{ timecode: "soon" }, { timecodeMs: "abc" }, { timecodeMs: "Infinity" }]) {
      const r = commentSchema.safeParse({ ...base, ...fields });
      expect(
        r.error?.issues.map((i) => i.message),
        JSON.stringify(fields),
      ).toContain(TIMECODE_HELP);
    }
  });

  it("trims the body and bounds it to 1–2000 characters", () => {
    expect(commentSchema.safeParse({ ...base, body: "  hi  " }).data?.body).toBe("hi");
    expect(commentSchema.safeParse({ ...base, body: "   " }).success).toBe(false);
    expect(commentSchema.safeParse({ ...base, body: "x".repeat(2000) }).success).toBe(true);
    expect(commentSchema.safeParse({ ...base, body: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("mentions", () => {
  const people = [
    { userId: "ada", name: "Ada Lovelace", email: "ada@example.com" },
    { userId: "ann", name: "Ann", email: "ann@example.com" },
    { userId: "anna", name: "Anna", email: null },
  ];

  const cases: [string, string[]][] = [
    ["@Ada Lovelace, look at 0:07", ["ada"]],
    ["@ada lovelace and @ANN.", ["ada", "ann"]],
    ["cc @ada@example.com", ["ada"]],
    ["@Anna not @Ann", ["anna", "ann"]],
    ["@Annabel is nobody here", []],
    ["mail ann@example.com, not a mention", []],
    ["@Ann @Ann twice", ["ann"]],
    ["@Ada-Lovelace is not her name", []],
  ];
  it("finds the people named, longest name first, never inside an address", () => {
    for (const [body, ids] of cases) expect(findMentions(body, people), body).toEqual(ids);
  });

  it("cuts the body into text and mentions, losing nothing", () => {
    const body = "Hi @Ann, see @Ada Lovelace's note";
    const segments = mentionSegments(body, people);
    expect(segments).toEqual([
      { text: "Hi " },
      { text: "@Ann", userId: "ann" },
      { text: ", see " },
      { text: "@Ada Lovelace", userId: "ada" },
      { text: "'s note" },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(body);
  });
});
