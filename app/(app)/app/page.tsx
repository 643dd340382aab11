import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { listTeamsForUser } from "@/db/queries/teams";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { urls } from "@/lib/urls";

/** The way in after sign-in: the team used last (if still a member), else the first one. */
export default async function AppEntry() {
  const user = await requireUser("/app");
  const teams = await listTeamsForUser(getDb(), user.id);
  const last = (await cookies()).get("last_team")?.value;
  const team = teams.find((t) => t.slug === last) ?? teams[0];
  redirect(team ? urls.team(team.slug) : "/teams/new");
}
