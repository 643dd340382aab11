import { z } from "zod";
import { MOTION_TYPES } from "@/lib/media/motions";
import { type CostModel, DEFAULT_COST_MODEL } from "./cost-model";

/** COST_MODEL: a JSON object of motion type → credits per video-second, merged over the defaults. */
export const costModelOverride = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON such as {"Veo": 8, "Parallax": 0.5}' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(
        z.string(),
        z
          .number({ error: "values must be numbers (credits per video-second)" })
          .min(0, "values must be 0 or more")
          .max(10_000),
        { error: 'must be a JSON object such as {"Veo": 8}' },
      )
      .superRefine((o, ctx) => {
        const unknown = Object.keys(o).filter((k) => !(MOTION_TYPES as readonly string[]).includes(k));
        if (unknown.length)
          ctx.addIssue({
            code: "custom",
            message: `keys must be motion types (${MOTION_TYPES.join(", ")}); not ${unknown.join(", ")}`,
          });
      })
      .transform((o): CostModel => ({ ...DEFAULT_COST_MODEL, ...o })),
  );
