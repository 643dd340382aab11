import type { Db } from "./db";
import { sandboxSettings } from "./schema";
import type { SandboxSettings } from "./types";

// The one settings row, shared by settings.ts (the knobs) and faults.ts (its counters).

export const SETTINGS_ROW = "default";

/** Creates the row from the defaults given to createSandbox unless it exists. */
export async function ensureSettingsRow(db: Db, defaults: SandboxSettings): Promise<void> {
  await db
    .insert(sandboxSettings)
    .values({ id: SETTINGS_ROW, ...defaults })
    .onConflictDoNothing();
}
