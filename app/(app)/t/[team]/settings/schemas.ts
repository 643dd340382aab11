import { z } from "zod";

// The settings forms' inputs that are not lib/teams' (a team's own Vimmerse key, a member's cap).
// No message repeats what was typed: a key must never come back in a form's state.

export const teamKeySchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(8, "A Vimmerse API key is at least 8 characters.")
    .max(200, "A Vimmerse API key is at most 200 characters.")
    .regex(/^[\x21-\x7E]+$/, "Use the key exactly as Vimmerse gave it: letters, digits and symbols, no spaces."),
});

/** The most a cap may be: far above any month's spend, well inside an integer column. */
export const MAX_CAP = 1_000_000_000;

export const memberCapSchema = z.object({
  userId: z.string().min(1),
  // Blank: no cap. Otherwise whole credits, 0 or more (0 stops the member from spending).
  cap: z
    .string()
    .trim()
    .regex(/^\d*$/, "Enter a whole number of credits (0 or more), or leave it blank for no cap.")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= MAX_CAP, "That cap is too large."),
});
