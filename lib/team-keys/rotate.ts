import type { DbOrTx } from "@/db/client";
import { listTeamKeyRows, resealTeamKey } from "@/db/queries/team-keys";
import { type KeyRing, keyIdOf, open, seal, sealedKeyId } from "./secret-box";

// Moves every stored team key onto the current encryption key, so an old one can then leave
// ENCRYPTION_KEY_PREVIOUS. Not server-only: scripts/rotate-team-keys.ts runs it from the shell.
// Counts only: no key, last four or team is reported. Safe to run twice or while the app runs
// (each row is re-sealed only if it still holds what was read).

export type RotationCounts = {
  /** Rows looked at. */
  total: number;
  /** Re-sealed with the current key now. */
  resealed: number;
  /** Already on the current key. */
  current: number;
  /** Could not be opened with any configured key (left as they are). */
  unreadable: number;
};

export async function rotateTeamKeys(db: DbOrTx, ring: KeyRing): Promise<RotationCounts> {
  const counts: RotationCounts = { total: 0, resealed: 0, current: 0, unreadable: 0 };
  const currentId = keyIdOf(ring.current);
  for (const row of await listTeamKeyRows(db)) {
    counts.total++;
    let plain: string;
    try {
      if (sealedKeyId(row.ciphertext) === currentId) {
        counts.current++;
        continue;
      }
      plain = open(ring, row.teamId, row.ciphertext);
    } catch {
      counts.unreadable++;
      continue;
    }
    // Changed meanwhile (an owner replaced or removed the key): that row is already current.
    if (await resealTeamKey(db, row.teamId, row.ciphertext, seal(ring, row.teamId, plain))) counts.resealed++;
    else counts.current++;
  }
  return counts;
}
