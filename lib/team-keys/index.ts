import "server-only";
import type { DbOrTx } from "@/db/client";
import { deleteTeamKey, getTeamKeyInfo, getTeamKeyRow, type TeamKeyInfo, upsertTeamKey } from "@/db/queries/team-keys";
import { env } from "@/lib/env";
import type { KeyCheck } from "./check";
import { type KeyRing, keyRingFrom, open, seal } from "./secret-box";

// A team's own Vimmerse key: sealed at rest (secret-box.ts, the team id bound to it), opened only
// to make an upstream call for that team (lib/upstream.ts). Outside this module a key appears
// only as its last four characters.

export { checkVimmerseKey, type KeyCheck } from "./check";

/**
 * A stored key that cannot be opened (altered row, or ENCRYPTION_KEY changed without keeping the
 * old one in ENCRYPTION_KEY_PREVIOUS). The caller must stop, never fall back to the operator's key:
 * the team's media live in the team's own Vimmerse account.
 */
export class TeamKeyUnreadable extends Error {
  constructor() {
    super(
      "This team's Vimmerse key cannot be decrypted. Check ENCRYPTION_KEY and ENCRYPTION_KEY_PREVIOUS, or have an owner set the key again.",
    );
    this.name = "TeamKeyUnreadable";
  }
}

/** The configured ring, read on each use (cheap: one HKDF at most). */
export function currentKeyRing(): KeyRing {
  return keyRingFrom(env());
}

/** The team's own key, or null when it has none (its media then use the operator's key). */
export async function readTeamKey(db: DbOrTx, teamId: string): Promise<string | null> {
  const row = await getTeamKeyRow(db, teamId);
  if (!row) return null;
  try {
    return open(currentKeyRing(), teamId, row.ciphertext);
  } catch {
    throw new TeamKeyUnreadable();
  }
}

/** What the settings page may show: last four characters, when and by whom. */
export async function teamKeyStatus(db: DbOrTx, teamId: string): Promise<TeamKeyInfo | null> {
  return getTeamKeyInfo(db, teamId);
}

export type SaveTeamKeyResult = { ok: true; last4: string } | { ok: false; reason: Exclude<KeyCheck, "accepted"> };

/** The last four characters, the only part of a key ever shown again. */
export const last4Of = (key: string) => key.slice(-4);

/**
 * Checks the key with Vimmerse first (`check`, see check.ts) and stores it only when accepted;
 * a refusal or an unanswered check stores nothing and leaves any previous key in place.
 */
export async function saveTeamKey(
  db: DbOrTx,
  teamId: string,
  userId: string,
  key: string,
  check: (key: string) => Promise<KeyCheck>,
): Promise<SaveTeamKeyResult> {
  const verdict = await check(key);
  if (verdict !== "accepted") return { ok: false, reason: verdict };
  const last4 = last4Of(key);
  await upsertTeamKey(db, { teamId, ciphertext: seal(currentKeyRing(), teamId, key), last4, setBy: userId });
  return { ok: true, last4 };
}

/** Removes the team's key; its next calls use the studio's key. False when it had none. */
export async function removeTeamKey(db: DbOrTx, teamId: string): Promise<boolean> {
  return deleteTeamKey(db, teamId);
}
