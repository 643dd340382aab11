import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getUserByEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { CANNOT_SIGN_UP, notifyExistingOwner, type SignUpDeps, signUp } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db";
import { createUserWithPersonalTeam } from "@/lib/teams/create";

// Issue 10, item 9: sign-up said "An account with this email already exists.". Item 4: 20
// sign-ups in 3 s from one client.

const sent = vi.hoisted(() => [] as { to: string; subject: string; text: string }[]);
vi.mock("@/lib/mail", () => ({
  sendMail: async (to: string, subject: string, text: string) => {
    sent.push({ to, subject, text });
    return true;
  },
}));

const PASSWORD = "owner-pass-2026";
const email = () => `someone-${randomBytes(4).toString("hex")}@example.com`;
let calls: { confirm: string[]; notify: string[] };
const deps = (over: Partial<SignUpDeps> = {}): SignUpDeps => ({
  db: getDb(),
  client: `client-${randomBytes(4).toString("hex")}`,
  policy: { mode: "open" },
  emailEnabled: false,
  sendConfirmLink: async (e) => void calls.confirm.push(e),
  notifyOwner: async (e) => void calls.notify.push(e),
  ...over,
});
async function existing() {
  const address = email();
  await createUserWithPersonalTeam(getDb(), {
    name: "Owner",
    email: address,
    passwordHash: await hashPassword(PASSWORD),
  });
  return address;
}

beforeEach(() => {
  calls = { confirm: [], notify: [] };
  sent.length = 0;
});

describe("sign-up without email configured", () => {
  it("a new address gets an account and its team", async () => {
    const address = email();
    const outcome = await signUp(deps(), { name: "New", email: address, password: "new-pass-2026" });
    expect(outcome).toEqual({ kind: "created", teamSlug: expect.stringMatching(/^new-s-team-/) });
    expect(await getUserByEmail(getDb(), address)).not.toBeNull();
  });

  it("an existing address: the right password signs in, any other gets words that do not say it exists", async () => {
    const address = await existing();
    expect(await signUp(deps(), { name: "Owner", email: address, password: PASSWORD })).toEqual({ kind: "sign-in" });
    const refused = await signUp(deps(), { name: "Stranger", email: address, password: "guess-pass-2026" });
    expect(refused).toEqual({ kind: "refused", message: CANNOT_SIGN_UP });
    expect(CANNOT_SIGN_UP).not.toMatch(/exists|taken|already (has|have) an account/i);
    // Nothing about the account changed.
    expect((await getUserByEmail(getDb(), address))?.name).toBe("Owner");
  });

  it("one client gets five sign-ups an hour, then a clear refusal that creates nothing", async () => {
    const d = deps();
    for (let i = 0; i < 5; i++)
      expect((await signUp(d, { name: "Bot", email: email(), password: "bot-pass-2026" })).kind).toBe("created");
    const address = email();
    const sixth = await signUp(d, { name: "Bot", email: address, password: "bot-pass-2026" });
    expect(sixth).toEqual({
      kind: "refused",
      message: expect.stringMatching(/^Too many new accounts from this network\. Try again in (\d+ minutes|1 hour)\.$/),
    });
    expect(await getUserByEmail(getDb(), address)).toBeNull();
  });
});

describe("sign-up with email configured", () => {
  it("answers the same for a new and an existing address; the owner is told, the newcomer must confirm", async () => {
    const known = await existing();
    const fresh = email();
    const a = await signUp(deps({ emailEnabled: true }), {
      name: "Stranger",
      email: known,
      password: "guess-pass-2026",
    });
    const b = await signUp(deps({ emailEnabled: true }), { name: "New", email: fresh, password: "new-pass-2026" });
    expect(a).toEqual({ kind: "check-email" });
    expect(b).toEqual(a);
    expect(calls).toEqual({ confirm: [fresh], notify: [known] });
    // The new account exists, unproven: its password waits for the confirm link (auth-throttle.test.ts).
    expect((await getUserByEmail(getDb(), fresh))?.emailVerified).toBeNull();
    expect((await getUserByEmail(getDb(), known))?.name).toBe("Owner");
  });

  it("the owner's notice is a plain mail through lib/mail, a few per address at most", async () => {
    const known = await existing();
    for (let i = 0; i < 5; i++) await notifyExistingOwner(getDb(), known, "https://studio.example");
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatchObject({ to: known, subject: "Someone tried to sign up with your address" });
    expect(sent[0]!.text).toContain("https://studio.example/sign-in");
  });
});
