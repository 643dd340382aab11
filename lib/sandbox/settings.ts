import { and, eq, gte, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./db";
import { BASE_FAULTS, faultsPatch, mergeFaults, storedFaults } from "./faults";
import { sandboxSettings } from "./schema";
import { ensureSettingsRow, SETTINGS_ROW } from "./settings-row";
import type { SandboxSettings, SandboxSettingsPatch } from "./types";

// The knobs live in one database row so that every process (the web server, a worker, a test)
// sees the same balance; until someone changes them the defaults given to createSandbox apply.

const ROW = SETTINGS_ROW;

export const BASE_SETTINGS: SandboxSettings = {
  credits: null,
  failRate: 0,
  delayMs: 0,
  dropWebhooks: false,
  faults: BASE_FAULTS,
};

export const settingsPatch = z
  .object({
    credits: z.number().int().min(0).max(1_000_000_000).nullable(),
    failRate: z.number().min(0).max(1),
    delayMs: z.number().int().min(0).max(600_000),
    dropWebhooks: z.boolean(),
    /** Merged into the stored faults group by group (faults.ts). */
    faults: faultsPatch,
  })
  .partial()
  .strict();

export function resolveDefaults(defaults?: SandboxSettingsPatch): SandboxSettings {
  const { faults, ...rest } = settingsPatch.parse(defaults ?? {});
  return { ...BASE_SETTINGS, ...rest, faults: mergeFaults(BASE_FAULTS, faults ?? {}) };
}

const toSettings = (r: typeof sandboxSettings.$inferSelect): SandboxSettings => ({
  credits: r.credits,
  failRate: r.failRate,
  delayMs: r.delayMs,
  dropWebhooks: r.dropWebhooks,
  faults: storedFaults(r.faults),
});

export async function readSettings(db: Db, defaults: SandboxSettings): Promise<SandboxSettings> {
  const [row] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.id, ROW));
  return row ? toSettings(row) : structuredClone(defaults);
}

export async function writeSettings(
  db: Db,
  defaults: SandboxSettings,
  patch: SandboxSettingsPatch,
): Promise<SandboxSettings> {
  const { faults: faultsChange, ...p } = settingsPatch.parse(patch);
  return db.transaction(async (tx) => {
    await ensureSettingsRow(tx, defaults);
    let faults: SandboxSettings["faults"] | undefined;
    if (faultsChange) {
      // Locked, so that a counter taken meanwhile (faults.ts) is not written back.
      const [current] = await tx
        .select({ faults: sandboxSettings.faults })
        .from(sandboxSettings)
        .where(eq(sandboxSettings.id, ROW))
        .for("update");
      faults = mergeFaults(storedFaults(current!.faults), faultsChange);
    }
    const [row] = await tx
      .update(sandboxSettings)
      .set({ ...p, ...(faults ? { faults } : {}), updatedAt: sql`now()` })
      .where(eq(sandboxSettings.id, ROW))
      .returning();
    return toSettings(row!);
  });
}

/** Takes `cost` credits in one statement; false when the balance is short (null = unlimited). */
export async function spendCredits(db: Db, defaults: SandboxSettings, cost: number): Promise<boolean> {
  await ensureSettingsRow(db, defaults);
  const rows = await db
    .update(sandboxSettings)
    .set({
      credits: sql`case when ${sandboxSettings.credits} is null then null else ${sandboxSettings.credits} - ${cost} end`,
    })
    .where(and(eq(sandboxSettings.id, ROW), or(isNull(sandboxSettings.credits), gte(sandboxSettings.credits, cost))))
    .returning({ id: sandboxSettings.id });
  return rows.length > 0;
}
