import { and, eq, gte, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./db";
import { sandboxSettings } from "./schema";
import type { SandboxSettings } from "./types";

// The knobs live in one database row so that every process (the web server, a worker, a test)
// sees the same balance; until someone changes them the defaults given to createSandbox apply.

const ROW = "default";

export const BASE_SETTINGS: SandboxSettings = { credits: null, failRate: 0, delayMs: 0, dropWebhooks: false };

export const settingsPatch = z
  .object({
    credits: z.number().int().min(0).max(1_000_000_000).nullable(),
    failRate: z.number().min(0).max(1),
    delayMs: z.number().int().min(0).max(600_000),
    dropWebhooks: z.boolean(),
  })
  .partial()
  .strict();

export function resolveDefaults(defaults?: Partial<SandboxSettings>): SandboxSettings {
  return { ...BASE_SETTINGS, ...settingsPatch.parse(defaults ?? {}) };
}

const toSettings = (r: typeof sandboxSettings.$inferSelect): SandboxSettings => ({
  credits: r.credits,
  failRate: r.failRate,
  delayMs: r.delayMs,
  dropWebhooks: r.dropWebhooks,
});

export async function readSettings(db: Db, defaults: SandboxSettings): Promise<SandboxSettings> {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.id, ROW));
  return row ? toSettings(row) : { ...defaults };
}

async function ensureRow(db: Db, defaults: SandboxSettings) {
  await db
    .insert(sandboxSettings)
    .values({ id: ROW, ...defaults })
    .onConflictDoNothing();
}

export async function writeSettings(
  db: Db,
  defaults: SandboxSettings,
  patch: Partial<SandboxSettings>,
): Promise<SandboxSettings> {
  const p = settingsPatch.parse(patch);
  await ensureRow(db, defaults);
  const [row] = await db
    .update(sandboxSettings)
    .set({ ...p, updatedAt: sql`now()` })
    .where(eq(sandboxSettings.id, ROW))
    .returning();
  return toSettings(row!);
}

/** Takes `cost` credits in one statement; false when the balance is short (null = unlimited). */
export async function spendCredits(db: Db, defaults: SandboxSettings, cost: number): Promise<boolean> {
  await ensureRow(db, defaults);
  const rows = await db
    .update(sandboxSettings)
    .set({
      credits: sql`case when ${sandboxSettings.credits} is null then null else ${sandboxSettings.credits} - ${cost} end`,
    })
    .where(and(eq(sandboxSettings.id, ROW), or(isNull(sandboxSettings.credits), gte(sandboxSettings.credits, cost))))
    .returning({ id: sandboxSettings.id });
  return rows.length > 0;
}
