import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getUserById } from "@/db/queries/users";
import { sessions, users } from "@/db/schema";
import {
  endAllSessions,
  endSession,
  jwtWithSession,
  ownerTakesAccount,
  SESSION_MAX_AGE,
  signInCallback,
} from "@/lib/auth/server-sessions";
import { getDb } from "@/lib/db";
import { makeUser } from "../helpers/factories";

// Issue 10, item 7: a copied cookie kept working after sign-out, for 30 days.

const db = () => getDb();
const DAY_MS = 86_400_000;
const signIn = async (userId: string) => (await jwtWithSession(db(), { token: { name: "x" }, user: { id: userId } }))!;
const read = (token: Record<string, unknown>) => jwtWithSession(db(), { token });
const rowOf = async (sid: unknown) =>
  (
    await db()
      .select()
      .from(sessions)
      .where(eq(sessions.sessionToken, String(sid)))
  )[0];

describe("sessions that end on the server", () => {
  it("sign-in records a session whose id the cookie carries; sign-out deletes it and the cookie stops working", async () => {
    const { user } = await makeUser();
    const token = await signIn(user.id);
    expect(token).toMatchObject({ sub: user.id, sid: expect.stringMatching(/^[\w-]{40,}$/) });
    const row = await rowOf(token.sid);
    expect(row?.userId).toBe(user.id);
    expect(row!.expires.getTime() - Date.now()).toBeGreaterThan(SESSION_MAX_AGE * 1000 - 60_000);
    expect(await read(token)).toEqual(token);

    await endSession(db(), token);
    expect(await rowOf(token.sid)).toBeUndefined();
    expect(await read(token)).toBeNull();
  });

  it("a cookie from before sids, an unknown sid, another user's sid or an expired one is signed out", async () => {
    const a = await makeUser("Ann");
    const b = await makeUser("Bob");
    const token = await signIn(a.user.id);
    expect(await read({ sub: a.user.id })).toBeNull();
    expect(await read({ sub: a.user.id, sid: "made-up" })).toBeNull();
    expect(await read({ sub: b.user.id, sid: token.sid })).toBeNull();
    await db()
      .update(sessions)
      .set({ expires: sql`now() - interval '1 second'` })
      .where(eq(sessions.sessionToken, String(token.sid)));
    expect(await read(token)).toBeNull();
  });

  it("sign out everywhere ends every session of the user and no one else's", async () => {
    const a = await makeUser("Ann");
    const b = await makeUser("Bob");
    const [one, two, other] = [await signIn(a.user.id), await signIn(a.user.id), await signIn(b.user.id)];
    expect(await endAllSessions(db(), a.user.id)).toBe(2);
    expect(await read(one)).toBeNull();
    expect(await read(two)).toBeNull();
    expect(await read(other)).toEqual(other);
  });

  it("rolls the end a week out at most once a day", async () => {
    const { user } = await makeUser();
    const token = await signIn(user.id);
    // Refreshed half a day ago: reading it writes nothing.
    const recent = new Date(Date.now() + SESSION_MAX_AGE * 1000 - DAY_MS / 2);
    await db()
      .update(sessions)
      .set({ expires: recent })
      .where(eq(sessions.sessionToken, String(token.sid)));
    await read(token);
    expect((await rowOf(token.sid))!.expires.getTime()).toBe(recent.getTime());
    // Refreshed two days ago: the next read moves its end a week from now.
    const stale = new Date(Date.now() + SESSION_MAX_AGE * 1000 - 2 * DAY_MS);
    await db()
      .update(sessions)
      .set({ expires: stale })
      .where(eq(sessions.sessionToken, String(token.sid)));
    expect(await read(token)).toEqual(token);
    expect((await rowOf(token.sid))!.expires.getTime()).toBeGreaterThan(Date.now() + SESSION_MAX_AGE * 1000 - 60_000);
  });
});

describe("an email link never takes over a password account whose address was not proven", () => {
  it("the address owner wins: the unproven password is removed and its sessions end", async () => {
    const { user } = await makeUser();
    const squatter = await signIn(user.id);
    expect(await ownerTakesAccount(db(), user.id)).toBe(true);
    expect((await getUserById(db(), user.id))?.passwordHash).toBeNull();
    expect(await read(squatter)).toBeNull();
  });

  it("a proven account keeps its password and its sessions", async () => {
    const { user } = await makeUser();
    await db().update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
    const mine = await signIn(user.id);
    expect(await ownerTakesAccount(db(), user.id)).toBe(false);
    expect((await getUserById(db(), user.id))?.passwordHash).toBe(user.passwordHash);
    expect(await read(mine)).toEqual(mine);
  });
});

describe("the signIn callback", () => {
  const link = { provider: "nodemailer" };
  it("acts when a sign-in link is followed, not when one is asked for, nor for other sign-ins", async () => {
    const { user } = await makeUser();
    const passwordOf = async () => (await getUserById(db(), user.id))?.passwordHash;
    for (const params of [
      { user, account: link, email: { verificationRequest: true } },
      { user, account: { provider: "confirm-email" } },
      { user, account: { provider: "credentials" } },
      { user, account: { provider: "github" } },
    ]) {
      expect(await signInCallback(db(), params)).toBe(true);
      expect(await passwordOf()).toBe(user.passwordHash);
    }
    expect(await signInCallback(db(), { user, account: link })).toBe(true);
    expect(await passwordOf()).toBeNull();
  });
});
