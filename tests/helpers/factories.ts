import { randomBytes, randomUUID } from "node:crypto";
import { createMediaOnce } from "@/db/queries/media";
import { getTeamForUser, listTeamsForUser } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { createUserWithPersonalTeam } from "@/lib/teams/create";
import type { Actor } from "@/lib/teams/service";

/** A signed-up user with a personal team; a cheap fixed hash keeps tests fast. */
export async function makeUser(name = "Ada") {
  const email = `${name.toLowerCase()}-${randomBytes(4).toString("hex")}@example.com`;
  const made = await createUserWithPersonalTeam(getDb(), { name, email, passwordHash: "scrypt$1$1$1$x$y" });
  if (!made) throw new Error("user not created");
  const [team] = await listTeamsForUser(getDb(), made.user.id);
  if (!team) throw new Error("no personal team");
  return { user: made.user, team, actor: { userId: made.user.id, teamId: team.id, role: team.role } as Actor };
}

export async function actorIn(userId: string, slug: string): Promise<Actor> {
  const team = await getTeamForUser(getDb(), userId, slug);
  if (!team) throw new Error("not a member");
  return { userId, teamId: team.id, role: team.role };
}

/** A bare media row of the team's (no upstream, no files): for ledgers, rights and lists. */
export async function aMedia(who: { teamId: string; userId: string }, title = "t"): Promise<string> {
  const { media } = await createMediaOnce(getDb(), {
    teamId: who.teamId,
    createdBy: who.userId,
    title,
    description: "",
    visibility: "0",
    motionType: "Parallax",
    params: {},
    inputs: [],
    webhookSecretHash: randomUUID(),
    idempotencyKey: randomUUID(),
  });
  return media.id;
}
