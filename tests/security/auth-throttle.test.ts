import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { authorizeCredentials, SignInThrottled } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { createUserWithPersonalTeam } from "@/lib/teams/create";

// next-auth itself needs Next's module resolution; its error classes are Auth.js core's.
vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});

// Issue 10, item 4: 200 wrong passwords for one account, then the right one, used to work.

const PASSWORD = "right-pass-2026";
let hash: string;
const client = () => new Headers({ "x-real-ip": `10.${[...randomBytes(3)].join(".")}` });

async function account(verified = true) {
  hash ??= await hashPassword(PASSWORD);
  const email = `victim-${randomBytes(4).toString("hex")}@example.com`;
  const made = await createUserWithPersonalTeam(getDb(), { name: "Victim", email, passwordHash: hash });
  if (!made) throw new Error("no user");
  if (verified) {
    const { users } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await getDb().update(users).set({ emailVerified: new Date() }).where(eq(users.id, made.user.id));
  }
  return email;
}

/** One attempt: the user's id, null for a wrong password, or the refusal's words. */
async function attempt(deps: Parameters<typeof authorizeCredentials>[0], email: string, password: string, h: Headers) {
  try {
    return (await authorizeCredentials(deps, { email, password }, h))?.id ?? null;
  } catch (err) {
    if (err instanceof SignInThrottled) return err.refusal;
    throw err;
  }
}

describe("password sign-in throttle", () => {
  let waits: number[];
  let deps: Parameters<typeof authorizeCredentials>[0];
  beforeEach(() => {
    waits = [];
    deps = { db: getDb(), requireVerifiedEmail: false, wait: async (ms) => void waits.push(ms) };
  });

  it("200 wrong passwords from many clients, then the right one: refused, with when to retry", async () => {
    const email = await account();
    const results = [];
    // A fresh client every time: the per-account limit alone must hold.
    for (let i = 0; i < 200; i++) results.push(await attempt(deps, email, `wrong-${i}`, client()));
    expect(results.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(results.slice(10).every((r) => typeof r === "object" && r !== null)).toBe(true);
    const right = await attempt(deps, email, PASSWORD, client());
    expect(right).toEqual({
      retryAfterSeconds: expect.any(Number),
      message: "Too many sign-in attempts for this account. Try again in 15 minutes.",
    });
    // Waits grow after the free attempts: 250 ms, doubling, capped at 4 s.
    expect(waits.slice(0, 10)).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it("counts per client across accounts", async () => {
    const h = client();
    const emails = await Promise.all([account(), account(), account(), account()]);
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await attempt(deps, emails[i % 4]!, `wrong-${i}`, h));
    expect(results.at(-1)).toMatchObject({
      message: expect.stringMatching(/^Too many sign-in attempts from this network\. Try again in \d+ minutes?\.$/),
    });
  });

  it("a right password ends the account's run of wrong ones", async () => {
    const email = await account();
    for (let i = 0; i < 9; i++) await attempt(deps, email, `wrong-${i}`, client());
    expect(typeof (await attempt(deps, email, PASSWORD, client()))).toBe("string");
    for (let i = 0; i < 10; i++) expect(await attempt(deps, email, `wrong-${i}`, client())).toBeNull();
  });

  it("with email configured, a password works only once its address is proven", async () => {
    const email = await account(false);
    expect(await attempt({ ...deps, requireVerifiedEmail: true }, email, PASSWORD, client())).toBeNull();
    expect(typeof (await attempt(deps, email, PASSWORD, client()))).toBe("string");
  });

  it("bad input is refused without counting or touching the database", async () => {
    const spy = vi.spyOn(getDb(), "insert");
    expect(await attempt(deps, "not-an-email", "x", client())).toBeNull();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
