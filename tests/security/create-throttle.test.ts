import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { media } from "@/db/media-schema";
import { invitations } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createMediaAs } from "@/lib/media/create";
import { processAgainAs, resubmitAs } from "@/lib/media/regenerate";
import { RULES } from "@/lib/security/throttle";
import { inviteAs } from "@/lib/teams/service";
import { makeUser } from "../helpers/factories";
import { APP_URL, type Env, FILE_SECRET, makeEnv, upstreamJobs } from "../helpers/harness";
import { parallaxForm } from "../helpers/parallax";

// What spends credits or sends email is paced per team, counted in Postgres: the create past the
// limit is refused in words, before any row is written or any call goes upstream.

const db = () => getDb();
let env: Env;

beforeEach(async () => {
  env = await makeEnv();
});

async function create(who: { teamId: string; userId: string }, title: string) {
  const form = await parallaxForm(db(), env.storage, who, { title });
  const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
  return createMediaAs(deps, who, form);
}

const mediaOf = async (teamId: string) => db().select({ id: media.id }).from(media).where(eq(media.teamId, teamId));

describe("the create throttle (credits)", () => {
  it("refuses the 31st create in ten minutes for a team: no media row, no upstream job", async () => {
    const { user, team } = await makeUser("Busy");
    const who = { teamId: team.id, userId: user.id };
    expect(RULES.createTeam).toMatchObject({ limit: 30, windowSeconds: 600 });
    for (let i = 1; i <= 30; i++) expect(await create(who, `Video ${i}`)).toMatchObject({ ok: true });
    const jobs = (await upstreamJobs()).length;

    const r = await create(who, "One too many");
    expect(r).toMatchObject({
      ok: false,
      reason: "throttled",
      error: expect.stringMatching(
        /^This team has started too many videos in a short time\. Try again in \d+ minutes?\.$/,
      ),
    });
    expect(r.ok ? null : r.mediaId).toBeUndefined();
    expect(await mediaOf(team.id)).toHaveLength(30);
    expect(await upstreamJobs()).toHaveLength(jobs);

    // A new generation of an existing video spends credits too, so it is held back the same way
    // (without the throttle these would be refused as busy, since the video is still rendering).
    const first = (await mediaOf(team.id))[0]!.id;
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    for (const again of [
      await processAgainAs(deps, who, { mediaId: first }),
      await resubmitAs(deps, who, { mediaId: first, title: "Changed" }),
    ])
      expect(again.error).toMatch(/^This team has started too many videos in a short time\./);
    expect(await upstreamJobs()).toHaveLength(jobs);

    // Another team is not held back by this one.
    const other = await makeUser("Calm");
    expect(await create({ teamId: other.team.id, userId: other.user.id }, "Mine")).toMatchObject({ ok: true });
  }, 120_000);

  it("does not count a form that was refused as invalid", async () => {
    const { user, team } = await makeUser("Typo");
    const who = { teamId: team.id, userId: user.id };
    const deps = { db: db(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET };
    const bad = new FormData();
    bad.set("motionType", "Parallax");
    for (let i = 0; i < 31; i++) expect(await createMediaAs(deps, who, bad)).toMatchObject({ reason: "invalid" });
    expect(await create(who, "Now right")).toMatchObject({ ok: true });
  });
});

describe("the invitation throttle (email)", () => {
  it("refuses the 31st invitation in an hour for a team, and saves nothing", async () => {
    const { team, actor } = await makeUser("Host");
    expect(RULES.invitationTeam).toMatchObject({ limit: 30, windowSeconds: 3600 });
    for (let i = 1; i <= 30; i++) {
      expect(await inviteAs(db(), actor, { email: `guest${i}@example.com`, role: "member" })).toMatchObject({
        ok: true,
      });
    }
    const r = await inviteAs(db(), actor, { email: "guest31@example.com", role: "member" });
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^This team has sent too many invitations\. Try again in (\d+ minutes?|1 hour)\.$/),
    });
    const saved = await db().select().from(invitations).where(eq(invitations.teamId, team.id));
    expect(saved).toHaveLength(30);
    expect(saved.map((i) => i.email)).not.toContain("guest31@example.com");
  });
});
