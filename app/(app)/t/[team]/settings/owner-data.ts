import "server-only";
import type { MemberCapView } from "@/components/teams/member-cap-form";
import type { TeamKeyStatus } from "@/components/teams/vimmerse-key-card";
import type { DbOrTx } from "@/db/client";
import { listMemberCaps } from "@/db/queries/teams";
import { usageByMember } from "@/db/queries/usage";
import { monthSpan } from "@/lib/billing/usage";
import { env, usesSandbox } from "@/lib/env";
import { sandboxAccountKey } from "@/lib/sandbox-key";
import { teamKeyStatus } from "@/lib/team-keys";

// What only an owner's settings page shows: each member's cap beside this month's spend, and the
// state of the team's own Vimmerse key (its last four characters, never more).

/** Per member: the cap and this month's credits, settled and still held, as reserve() counts them. */
export async function memberCaps(db: DbOrTx, teamId: string, now = new Date()): Promise<Record<string, MemberCapView>> {
  const [caps, usage] = await Promise.all([listMemberCaps(db, teamId), usageByMember(db, teamId, monthSpan(now))]);
  const spent = new Map(usage.map((u) => [u.userId, u.settled + u.reserved]));
  return Object.fromEntries([...caps].map(([userId, cap]) => [userId, { cap, spent: spent.get(userId) ?? 0 }]));
}

export async function keyCard(
  db: DbOrTx,
  team: { id: string; slug: string },
): Promise<{ status: TeamKeyStatus; sandboxKey?: string }> {
  const info = await teamKeyStatus(db, team.id);
  const status = info && { last4: info.last4, setAt: info.setAt, setBy: info.setByName };
  const secret = env().AUTH_SECRET;
  // A key to try offline, offered only while none is set: a page must never show the key in use.
  if (status || !usesSandbox() || !secret) return { status };
  try {
    return { status, sandboxKey: sandboxAccountKey(secret, team.slug) };
  } catch {
    // A slug the key's label does not allow (none today): no offer rather than a broken page.
    return { status };
  }
}
