import { z } from "zod";

// The share dialog's fields, read the same in the browser and by the server action.

export { EXPIRY_CHOICES } from "./choices";

const DAY_MS = 86_400_000;
const DAYS = { "1d": 1, "7d": 7, "30d": 30 } as const;
const MAX_DAYS = 366;

export const createShareSchema = z
  .object({
    mediaId: z.string().min(1),
    expiry: z.enum(["none", "1d", "7d", "30d", "date"], { error: "Pick when the link expires." }).default("none"),
    expiresOn: z.string().trim().optional(),
    password: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().min(4, "Use at least 4 characters, or leave it empty.").max(200).optional()),
    allowDownload: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  })
  .transform((v, ctx) => {
    const expiresAt = expiryDate(v.expiry, v.expiresOn, new Date());
    if (expiresAt === "bad") {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick a date from tomorrow to a year ahead." });
      return z.NEVER;
    }
    return { mediaId: v.mediaId, expiresAt, password: v.password, allowDownload: v.allowDownload };
  });

export type CreateShareInput = z.output<typeof createShareSchema>;

export const revokeShareSchema = z.object({ linkId: z.string().min(1), mediaId: z.string().min(1) });

/** A picked date runs to the end of that day (UTC); the dialog says so. */
function expiryDate(choice: string, on: string | undefined, now: Date): Date | null | "bad" {
  if (choice === "none") return null;
  if (choice in DAYS) return new Date(now.getTime() + DAYS[choice as keyof typeof DAYS] * DAY_MS);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on ?? "");
  if (!m) return "bad";
  const end = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59));
  if (Number.isNaN(end.getTime()) || end <= now || end.getTime() - now.getTime() > MAX_DAYS * DAY_MS) return "bad";
  return end;
}
