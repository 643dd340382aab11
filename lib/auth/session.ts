import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getTeamForUser, type TeamWithRole } from "@/db/queries/teams";
import { getUserById, type User } from "@/db/queries/users";
import type { TeamRole } from "@/db/schema";
import { getDb } from "@/lib/db";
import { type Actor, atLeast, VIEWER_REFUSAL } from "@/lib/teams/service";
import { urls } from "@/lib/urls";
import { auth } from "./index";

// The one place that turns a request into a user and a team. The session cookie only names
// the user; the user, the team and the role are read from the database on every request.

export const currentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? getUserById(getDb(), id) : null;
});

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(returnTo?: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(urls.signIn(returnTo));
  return user;
}

export type TeamContext = { user: User; team: TeamWithRole; actor: Actor };

export const teamContext = cache(async (slug: string): Promise<TeamContext | null> => {
  const user = await currentUser();
  if (!user) return null;
  const team = await getTeamForUser(getDb(), user.id, slug);
  if (!team) return null;
  return { user, team, actor: { userId: user.id, teamId: team.id, role: team.role } };
});

/** For pages: the team in the URL, or sign-in / a 404 for a team the user is not in. */
export async function requireTeamPage(slug: string): Promise<TeamContext> {
  const user = await currentUser();
  if (!user) redirect(urls.signIn(urls.team(slug)));
  const ctx = await teamContext(slug);
  if (!ctx) notFound();
  return ctx;
}

export const NO_TEAM = "That team doesn't exist or you are not a member of it.";

export class AccessDenied extends Error {
  constructor(
    /** "team": no such team or not a member; "role": a member whose role is too small. */
    readonly reason: "team" | "role" = "team",
    message = reason === "team" ? NO_TEAM : "Your role in this team does not allow that.",
  ) {
    super(message);
    this.name = "AccessDenied";
  }
}

/** For lib/auth/guards.ts: the team context, or AccessDenied (never a hint that the team exists). */
export async function authorizeTeam(slug: unknown, min: TeamRole = "member"): Promise<TeamContext> {
  if (typeof slug !== "string" || !slug) throw new AccessDenied();
  const ctx = await teamContext(slug);
  if (!ctx) throw new AccessDenied();
  if (!atLeast(ctx.team.role, min)) {
    // A viewer meets this at every step that makes or spends: say what the role does allow.
    throw new AccessDenied("role", ctx.team.role === "viewer" ? VIEWER_REFUSAL : undefined);
  }
  return ctx;
}
