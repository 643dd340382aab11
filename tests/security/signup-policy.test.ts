import { createHash, randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signUpAction } from "@/app/(auth)/actions";
import { createInvitation, markInvitationAccepted, revokeInvitation } from "@/db/queries/invitations";
import { getUserByEmail } from "@/db/queries/users";
import { accounts, teams, users, verificationTokens } from "@/db/schema";
import { handlers } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { signInCallback } from "@/lib/auth/server-sessions";
import { CANNOT_SIGN_UP, type SignUpDeps, signUp } from "@/lib/auth/sign-up";
import {
  emailDomain,
  INVITE_ONLY,
  invitationTokenIn,
  refusal,
  SIGNUP_REFUSED_PATH,
  type SignupPolicy,
  signupPolicy,
} from "@/lib/auth/signup-policy";
import { getDb } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createUserWithPersonalTeam } from "@/lib/teams/create";
import { acceptInvitation } from "@/lib/teams/service";
import { makeUser } from "../helpers/factories";
import { Redirected } from "../helpers/harness";

// Issue 11, "who may sign up": SIGNUP_MODE open | invite | domains, through the sign-up service,
// the sign-up action and the Auth.js signIn callback, on a real database.

// The action and Auth.js read their settings from env(): these tests change them between cases.
const settings = vi.hoisted(() => ({ extra: {} as Record<string, string> }));
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, ...settings.extra }) };
});
// next-auth needs Next's module resolution: a thin stand-in runs lib/auth/index.ts's real config
// through Auth.js core, as next-auth's route handler does. Password sign-in is not under test here.
const passwordSignIns = vi.hoisted(() => [] as string[]);
vi.mock("next-auth", async () => {
  const { Auth } = await import("@auth/core");
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  type Config = Parameters<typeof Auth>[1];
  return {
    AuthError,
    CredentialsSignin,
    default: (config: () => Config) => ({
      handlers: { GET: (req: Request) => Auth(req, { basePath: "/api/auth", ...config() }) },
      auth: async () => null,
      signIn: async (_provider: string, options: { email: string }) => void passwordSignIns.push(options.email),
      signOut: async () => {},
    }),
  };
});
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("next/headers", async () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ "x-real-ip": `10.9.${randomBytes(2).join(".")}` }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      set: (name: string, value: string) => void jar.set(name, value),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      delete: (name: string) => void jar.delete(name),
    }),
  };
});

const OPEN: SignupPolicy = { mode: "open" };
const INVITE: SignupPolicy = { mode: "invite" };
const DOMAINS: SignupPolicy = { mode: "domains", domains: ["example.com", "acme.org"] };
const PASSWORD = "owner-pass-2026";
const DAY = 24 * 60 * 60 * 1000;

const db = () => getDb();
const hex = () => randomBytes(4).toString("hex");
const at = (domain: string) => `someone-${hex()}@${domain}`;

let calls: { confirm: string[]; notify: string[] };
beforeEach(() => {
  calls = { confirm: [], notify: [] };
  settings.extra = {};
});
const deps = (policy: SignupPolicy, emailEnabled = false): SignUpDeps => ({
  db: db(),
  client: `client-${hex()}`,
  policy,
  emailEnabled,
  sendConfirmLink: async (e) => void calls.confirm.push(e),
  notifyOwner: async (e) => void calls.notify.push(e),
});
const input = (email: string, invitation?: string) => ({
  name: "Newcomer",
  email,
  password: "new-pass-2026",
  invitation,
});

async function existing(email = at("elsewhere.net")) {
  await createUserWithPersonalTeam(db(), { name: "Owner", email, passwordHash: await hashPassword(PASSWORD) });
  return email;
}
const tally = async () => ({
  users: (await db().select({ n: count() }).from(users))[0]!.n,
  teams: (await db().select({ n: count() }).from(teams))[0]!.n,
});

type InviteState = "valid" | "expired" | "used" | "revoked";
async function invite(email: string, state: InviteState = "valid") {
  const { user, team } = await makeUser("Inviter");
  const now = state === "expired" ? new Date(Date.now() - 8 * DAY) : new Date();
  const made = await createInvitation(db(), { teamId: team.id, email, role: "member", invitedBy: user.id, now });
  if (state === "used") await markInvitationAccepted(db(), made.invitation.id, user.id);
  if (state === "revoked") await revokeInvitation(db(), team.id, made.invitation.id);
  return { token: made.token, team };
}

/** Refused, and nothing written: no user, no team, no mail. */
async function expectRefused(policy: SignupPolicy, email: string, token: string | undefined, message: string | RegExp) {
  const before = await tally();
  for (const emailEnabled of [false, true]) {
    const outcome = await signUp(deps(policy, emailEnabled), input(email, token));
    expect(outcome).toEqual({ kind: "refused", message: expect.stringMatching(message) });
  }
  expect(await tally()).toEqual(before);
  expect(calls).toEqual({ confirm: [], notify: [] });
}
const exactly = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

describe("configuration", () => {
  it("maps SIGNUP_MODE and ALLOWED_EMAIL_DOMAINS to a policy, open by default", () => {
    expect(signupPolicy(parseEnv({}))).toEqual(OPEN);
    expect(signupPolicy(parseEnv({ SIGNUP_MODE: "invite" }))).toEqual(INVITE);
    expect(
      signupPolicy(parseEnv({ SIGNUP_MODE: "domains", ALLOWED_EMAIL_DOMAINS: " Example.COM, acme.org ,," })),
    ).toEqual(DOMAINS);
  });

  it("names a bad setting", () => {
    const bad = (src: Record<string, string>) => () => parseEnv(src);
    expect(bad({ SIGNUP_MODE: "closed" })).toThrow(/SIGNUP_MODE must be one of open, invite, domains/);
    expect(bad({ SIGNUP_MODE: "domains" })).toThrow(/ALLOWED_EMAIL_DOMAINS is required when SIGNUP_MODE is domains/);
    expect(bad({ SIGNUP_MODE: "domains", ALLOWED_EMAIL_DOMAINS: "example.com,@acme.org" })).toThrow(
      /ALLOWED_EMAIL_DOMAINS must list domains like example.com,acme.org \("@acme.org" is not one\)/,
    );
    expect(bad({ SIGNUP_MODE: "domains", ALLOWED_EMAIL_DOMAINS: "*.example.com" })).toThrow(/is not one/);
    // A list alone would look like a restriction while sign-up stays open.
    expect(bad({ ALLOWED_EMAIL_DOMAINS: "example.com" })).toThrow(/applies only with SIGNUP_MODE=domains/);
  });

  it("reads the domain after the last @, lower-cased; finds the invitation in the invite page's link", () => {
    expect(emailDomain("Someone@Mail.Example.COM ")).toBe("mail.example.com");
    expect(emailDomain('"a@b"@acme.org')).toBe("acme.org");
    const token = "aB3_-xYz0123456789";
    expect(invitationTokenIn(`/invite/${token}`)).toBe(token);
    expect(invitationTokenIn(`/invite/${token}?x=1`)).toBe(token);
    for (const other of [undefined, "", "/app", `/invite/${token}/more`, `/t/x/invite/${token}`, "/invite/"])
      expect(invitationTokenIn(other)).toBeUndefined();
  });

  it("the domains refusal names the rule and the domains", () => {
    expect(refusal(DOMAINS)).toBe(
      "New accounts here are for @example.com or @acme.org addresses only. Ask someone on a team here for an invitation.",
    );
    expect(refusal({ mode: "domains", domains: ["a.io", "b.io", "c.io"] })).toContain("@a.io, @b.io or @c.io");
    expect(refusal(INVITE)).toBe(INVITE_ONLY);
  });
});

describe("SIGNUP_MODE=open", () => {
  it("anyone signs up; an existing address answers as before; a broken invitation does not matter", async () => {
    expect((await signUp(deps(OPEN), input(at("anywhere.io")))).kind).toBe("created");
    expect((await signUp(deps(OPEN), input(at("anywhere.io"), "made-up-token-123"))).kind).toBe("created");
    const known = await existing();
    expect(await signUp(deps(OPEN), { ...input(known), password: PASSWORD })).toEqual({ kind: "sign-in" });
  });
});

describe("SIGNUP_MODE=invite", () => {
  it("without an invitation: refused in plain words, alike for a new and an existing address, nothing written", async () => {
    await expectRefused(INVITE, at("anywhere.io"), undefined, exactly(INVITE_ONLY));
    const known = await existing();
    await expectRefused(INVITE, known, undefined, exactly(INVITE_ONLY));
    // Even the account's own password gets the same words: the answer says nothing about the address.
    expect(await signUp(deps(INVITE), { ...input(known), password: PASSWORD })).toEqual({
      kind: "refused",
      message: INVITE_ONLY,
    });
  });

  it("with a valid invitation to the address typed (any case): the account, its team, then joining works", async () => {
    const email = at("anywhere.io");
    const { token, team } = await invite(email);
    const outcome = await signUp(deps(INVITE), input(email.toUpperCase(), token));
    expect(outcome).toEqual({ kind: "created", teamSlug: expect.any(String) });
    const user = await getUserByEmail(db(), email);
    expect(user).not.toBeNull();
    expect(await acceptInvitation(db(), token, { id: user!.id, email: user!.email })).toEqual({
      ok: true,
      teamSlug: team.slug,
    });
  });

  it("with email configured, an invited newcomer is sent the confirm link", async () => {
    const email = at("anywhere.io");
    const { token } = await invite(email);
    expect(await signUp(deps(INVITE, true), input(email, token))).toEqual({ kind: "check-email" });
    expect(calls.confirm).toEqual([email]);
  });

  it("an expired, used, revoked, unknown or someone else's invitation is refused with why", async () => {
    const email = at("anywhere.io");
    for (const [state, message] of [
      ["expired", /has expired/],
      ["used", /already been used/],
      ["revoked", /not valid/],
    ] as const) {
      const { token } = await invite(email, state);
      await expectRefused(INVITE, email, token, message);
    }
    await expectRefused(INVITE, email, "made-up-token-0123456789", /not valid/);
    await expectRefused(INVITE, email, "short", /not valid/);
    const { token } = await invite(at("anywhere.io"));
    await expectRefused(INVITE, email, token, /^This invitation was sent to someone-[0-9a-f]+@anywhere\.io\./);
  });

  it("an invitation to an existing address answers like any existing address", async () => {
    const known = await existing();
    const { token } = await invite(known);
    expect(await signUp(deps(INVITE), { ...input(known, token), password: PASSWORD })).toEqual({ kind: "sign-in" });
    expect(await signUp(deps(INVITE), input(known, token))).toEqual({ kind: "refused", message: CANNOT_SIGN_UP });
  });
});

describe("SIGNUP_MODE=domains", () => {
  it("an address at a listed domain signs up, whatever its case", async () => {
    for (const email of [at("example.com"), at("ACME.ORG"), at("Example.Com")])
      expect((await signUp(deps(DOMAINS), input(email))).kind).toBe("created");
  });

  it("another domain, a subdomain or a look-alike is refused, alike for new and existing addresses", async () => {
    const rule = exactly(refusal(DOMAINS));
    for (const domain of ["elsewhere.net", "mail.example.com", "example.com.evil.io", "notexample.com", "acme.org.uk"])
      await expectRefused(DOMAINS, at(domain), undefined, rule);
    const known = await existing(at("elsewhere.net"));
    await expectRefused(DOMAINS, known, undefined, rule);
    expect(await signUp(deps(DOMAINS), { ...input(known), password: PASSWORD })).toEqual({
      kind: "refused",
      message: refusal(DOMAINS),
    });
  });

  it("an invited address at another domain signs up; a stale invitation says why", async () => {
    const email = at("elsewhere.net");
    const { token } = await invite(email);
    expect((await signUp(deps(DOMAINS), input(email, token))).kind).toBe("created");
    const late = at("elsewhere.net");
    const { token: expired } = await invite(late, "expired");
    await expectRefused(DOMAINS, late, expired, /has expired/);
  });
});

describe("GitHub, Google and email-link sign-ins (the Auth.js signIn callback)", () => {
  const github = (id = hex()) => ({ provider: "github", type: "oauth" as const, providerAccountId: id });
  const link = (email: string) => ({ provider: "nodemailer", type: "email", providerAccountId: email });
  const stranger = (email: string) => ({ id: randomBytes(16).toString("hex"), email });

  it("open: every newcomer goes ahead", async () => {
    const email = at("anywhere.io");
    expect(await signInCallback(db(), { user: stranger(email), account: github() }, OPEN)).toBe(true);
    expect(await signInCallback(db(), { user: stranger(email), account: link(email) }, OPEN)).toBe(true);
  });

  it("a newcomer the policy refuses is sent to the sign-in page, which says why", async () => {
    for (const [policy, email] of [
      [INVITE, at("anywhere.io")],
      [DOMAINS, at("elsewhere.net")],
      [DOMAINS, at("mail.example.com")],
    ] as const) {
      expect(await signInCallback(db(), { user: stranger(email), account: github() }, policy)).toBe(
        SIGNUP_REFUSED_PATH,
      );
      expect(await signInCallback(db(), { user: stranger(email), account: link(email) }, policy)).toBe(
        SIGNUP_REFUSED_PATH,
      );
      // Asking for a link answers "check your email" as for an existing address, and none is sent.
      const ask = { user: stranger(email), account: link(email), email: { verificationRequest: true } };
      expect(await signInCallback(db(), ask, policy)).toBe("/sign-in?check-email=1");
    }
    // An OAuth identity without an address is no better.
    expect(await signInCallback(db(), { user: { id: "x", email: null }, account: github() }, INVITE)).toBe(
      SIGNUP_REFUSED_PATH,
    );
  });

  it("a newcomer at a listed domain, or with an open invitation to their address, goes ahead", async () => {
    const allowed = at("Example.COM");
    expect(await signInCallback(db(), { user: stranger(allowed), account: github() }, DOMAINS)).toBe(true);
    const invited = at("anywhere.io");
    await invite(invited);
    for (const policy of [INVITE, DOMAINS]) {
      expect(await signInCallback(db(), { user: stranger(invited.toUpperCase()), account: github() }, policy)).toBe(
        true,
      );
      const ask = { user: stranger(invited), account: link(invited), email: { verificationRequest: true } };
      expect(await signInCallback(db(), ask, policy)).toBe(true);
      expect(await signInCallback(db(), { user: stranger(invited), account: link(invited) }, policy)).toBe(true);
    }
  });

  it("an expired, used or revoked invitation does not let a newcomer in", async () => {
    for (const state of ["expired", "used", "revoked"] as const) {
      const email = at("anywhere.io");
      await invite(email, state);
      expect(await signInCallback(db(), { user: stranger(email), account: github() }, INVITE)).toBe(
        SIGNUP_REFUSED_PATH,
      );
    }
  });

  it("existing users always sign in: by their linked identity, their address, or a password", async () => {
    const { user } = await makeUser("Member");
    const id = hex();
    await db()
      .insert(accounts)
      .values({ userId: user.id, ...github(id) });
    for (const policy of [INVITE, DOMAINS]) {
      // GitHub now reports another address; the link is what counts.
      const linked = { user: { id: user.id, email: at("elsewhere.net") }, account: github(id) };
      expect(await signInCallback(db(), linked, policy)).toBe(true);
      // Known address, no link: Auth.js's own "not linked" refusal is left to it.
      expect(await signInCallback(db(), { user: stranger(user.email!), account: github() }, policy)).toBe(true);
      expect(await signInCallback(db(), { user, account: link(user.email!) }, policy)).toBe(true);
      const ask = { user, account: link(user.email!), email: { verificationRequest: true } };
      expect(await signInCallback(db(), ask, policy)).toBe(true);
      expect(
        await signInCallback(db(), { user, account: { provider: "credentials", type: "credentials" } }, policy),
      ).toBe(true);
      expect(await signInCallback(db(), { user, account: { provider: "confirm-email", type: "email" } }, policy)).toBe(
        true,
      );
    }
  });
});

describe("the sign-up action and Auth.js itself, as configured by SIGNUP_MODE", () => {
  const form = (email: string, callbackUrl = "") => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ name: "Newcomer", email, password: "new-pass-2026", callbackUrl }))
      f.set(k, v);
    return f;
  };
  const redirectOf = (err: unknown) => (err instanceof Redirected ? err.url : err);

  it("invite: refused without an invitation, keeping what was typed; created through a valid one", async () => {
    settings.extra = { SIGNUP_MODE: "invite" };
    const email = at("anywhere.io");
    const other = await invite(at("anywhere.io"));
    const before = await tally();
    expect(await signUpAction({}, form(email))).toEqual({
      error: INVITE_ONLY,
      values: { name: "Newcomer", email },
    });
    // A token is only what the form claims: one nobody issued, or issued to another address, opens nothing.
    expect((await signUpAction({}, form(email, "/invite/made-up-token-0123456789"))).error).toMatch(/not valid/);
    expect((await signUpAction({}, form(email, `/invite/${other.token}`))).error).toMatch(/was sent to/);
    expect(await tally()).toEqual(before);

    const { token } = await invite(email);
    const done = await signUpAction({}, form(email, `/invite/${token}`)).catch((err: unknown) => err);
    expect(redirectOf(done)).toBe(`/invite/${token}`);
    expect(await getUserByEmail(db(), email)).not.toBeNull();
    expect(passwordSignIns).toEqual([email]);
  });

  it("domains: the action refuses another domain and lets a listed one in", async () => {
    settings.extra = { SIGNUP_MODE: "domains", ALLOWED_EMAIL_DOMAINS: "example.com" };
    const other = at("mail.example.com");
    expect(await signUpAction({}, form(other))).toEqual({
      error: refusal({ mode: "domains", domains: ["example.com"] }),
      values: { name: "Newcomer", email: other },
    });
    expect(await getUserByEmail(db(), other)).toBeNull();
    const done = await signUpAction({}, form(at("EXAMPLE.com"))).catch((err: unknown) => err);
    expect(redirectOf(done)).toMatch(/^\/t\/newcomer-s-team/);
  });

  /** Follows an email sign-in link the way a browser would, through Auth.js's own route. */
  async function followLink(email: string): Promise<string | null> {
    const token = randomBytes(16).toString("hex");
    const secret = process.env.AUTH_SECRET ?? "";
    const hashed = createHash("sha256").update(`${token}${secret}`).digest("hex");
    await db()
      .insert(verificationTokens)
      .values({ identifier: email, token: hashed, expires: new Date(Date.now() + DAY) });
    const url = `http://localhost:3000/api/auth/callback/nodemailer?${new URLSearchParams({ token, email })}`;
    const res = await handlers.GET(new Request(url) as never);
    return res.headers.get("location");
  }

  it("an email link for a new address creates nothing under invite, and an account under open", async () => {
    settings.extra = { SIGNUP_MODE: "invite", EMAIL_SERVER: "smtp://localhost:2525" };
    const email = at("anywhere.io");
    const before = await tally();
    expect(await followLink(email)).toBe(`http://localhost:3000${SIGNUP_REFUSED_PATH}`);
    expect(await tally()).toEqual(before);
    const member = await existing();
    expect(await followLink(member)).not.toContain(SIGNUP_REFUSED_PATH);

    settings.extra = { EMAIL_SERVER: "smtp://localhost:2525" };
    expect(await followLink(email)).not.toContain(SIGNUP_REFUSED_PATH);
    expect(await getUserByEmail(db(), email)).not.toBeNull();
    expect((await tally()).teams).toBe(before.teams + 2);
  });
});

describe("the pages say the rule", () => {
  const render = async (page: (p: never) => Promise<React.ReactNode>, params: Record<string, string> = {}) => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    return renderToStaticMarkup(await page({ searchParams: Promise.resolve(params) } as never));
  };

  const signUpPage = async (params: Record<string, string> = {}) =>
    render((await import("@/app/(auth)/sign-up/page")).default, params);
  const signInPage = async (params: Record<string, string> = {}) =>
    render((await import("@/app/(auth)/sign-in/page")).default, params);
  const FORM = 'name="password"';

  it("sign-up under invite without an invitation: invitation-only, a way to sign in, no form", async () => {
    settings.extra = { SIGNUP_MODE: "invite" };
    const html = await signUpPage();
    expect(html).toContain("Invitation only");
    expect(html).toContain(INVITE_ONLY);
    expect(html).toContain('href="/sign-in"');
    expect(html).not.toContain(FORM);
  });

  it("sign-up under invite from an invitation's link: the form while it is open, why not once it is not", async () => {
    settings.extra = { SIGNUP_MODE: "invite" };
    const email = at("anywhere.io");
    const { token } = await invite(email);
    const open = await signUpPage({ callbackUrl: `/invite/${token}`, email });
    expect(open).toContain(FORM);
    expect(open).toContain(`value="${email}"`);
    const stale = await invite(at("anywhere.io"), "expired");
    const html = await signUpPage({ callbackUrl: `/invite/${stale.token}` });
    expect(html).toMatch(/has expired/);
    expect(html).not.toContain(FORM);
  });

  it("sign-up under domains names them above the form; open says nothing", async () => {
    settings.extra = { SIGNUP_MODE: "domains", ALLOWED_EMAIL_DOMAINS: "example.com,acme.org" };
    const html = await signUpPage();
    expect(html).toContain(FORM);
    expect(html).toContain("@example.com or @acme.org addresses only");
    settings.extra = {};
    expect(await signUpPage()).not.toContain("addresses only");
  });

  it("sign-in says why after a GitHub, Google or email-link newcomer was turned away", async () => {
    settings.extra = { SIGNUP_MODE: "invite" };
    expect(await signInPage({ signup: "closed" })).toContain(INVITE_ONLY);
    expect(await signInPage()).not.toContain(INVITE_ONLY);
    // A made-up link cannot make an open Studio claim to be closed.
    settings.extra = {};
    expect(await signInPage({ signup: "closed" })).not.toContain('role="alert"');
  });
});
