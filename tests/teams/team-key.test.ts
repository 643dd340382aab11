import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getTeamKeyRow, upsertTeamKey } from "@/db/queries/team-keys";
import { addMember } from "@/db/queries/teams";
import { teamVimmerseKeys } from "@/db/schema";
import { NO_TEAM } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { createSandbox, type Sandbox } from "@/lib/sandbox";
import { isSandboxAccountKey, sandboxAccountKey } from "@/lib/sandbox-key";
import { readTeamKey, TeamKeyUnreadable, teamKeyStatus } from "@/lib/team-keys";
import { checkVimmerseKey } from "@/lib/team-keys/check";
import { rotateTeamKeys } from "@/lib/team-keys/rotate";
import {
  deriveKeyFromSecret,
  keyIdOf,
  keyRingFrom,
  open,
  SecretBoxError,
  seal,
  sealedKeyId,
} from "@/lib/team-keys/secret-box";
import { makeUser } from "../helpers/factories";
import { FILE_SECRET, formOf, SANDBOX_BASE, SANDBOX_KEY, tempDir, world } from "../helpers/harness";
import { html } from "../helpers/render";

// A team's own Vimmerse key: sealed at rest with the team bound to it, checked with upstream
// before it is saved, set and removed by owners only, and never handed back to anyone.

vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());
vi.mock("@/lib/upstream", async () => (await import("../helpers/harness")).worldMocks.upstream());
// The check is the real one, sent to this file's in-process sandbox (or to a network that is down).
vi.mock("@/lib/team-keys/app-check", () => ({
  checkKeyWithUpstream: (key: string) => checkVimmerseKey(key, { baseUrl: SANDBOX_BASE, fetch: net.fetch }),
}));

const { saveTeamKeyAction, removeTeamKeyAction } = await import("@/app/(app)/t/[team]/settings/key-actions");
const SettingsPage = (await import("@/app/(app)/t/[team]/settings/page")).default;

const db = () => getDb();
const AUTH_SECRET = process.env.AUTH_SECRET ?? FILE_SECRET;
const key32 = () => randomBytes(32);

/** What the check reaches: the sandbox (accepting its account keys, as the app's host does), or nothing. */
const net: { fetch: typeof fetch; seen: string[] } = { fetch: globalThis.fetch, seen: [] };
let sandbox: Sandbox;

beforeEach(() => {
  sandbox = createSandbox({
    db: db(),
    filesDir: tempDir("team-key"),
    publicBaseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    acceptsKey: (k) => isSandboxAccountKey(AUTH_SECRET, k),
  });
  net.seen = [];
  net.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    net.seen.push(req.headers.get("x-api-key") ?? "");
    return sandbox.handle(req);
  }) as typeof fetch;
  world.userId = null;
});
afterEach(async () => {
  await sandbox.stopWorker();
});

const networkDown = () => {
  net.fetch = async () => {
    throw new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
  };
};

const settingsHtml = (slug: string) => html(SettingsPage({ params: Promise.resolve({ team: slug }) }));
const save = (slug: string, apiKey: string) => saveTeamKeyAction({}, formOf({ team: slug, apiKey }));
const remove = (slug: string) => removeTeamKeyAction({}, formOf({ team: slug }));

describe("the secret box", () => {
  const ring = { current: key32(), previous: [] };

  it("seals and opens, in a versioned format naming the key by its fingerprint", () => {
    const sealed = seal(ring, "team-1", "vk_live_secret_1234");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealedKeyId(sealed)).toBe(keyIdOf(ring.current));
    expect(sealed).not.toContain("secret");
    expect(open(ring, "team-1", sealed)).toBe("vk_live_secret_1234");
    // A fresh IV each time: the same key sealed twice does not look the same.
    expect(seal(ring, "team-1", "vk_live_secret_1234")).not.toBe(sealed);
  });

  it("does not open for another team (the team id is bound as additional data)", () => {
    const sealed = seal(ring, "team-1", "vk_live_secret_1234");
    expect(() => open(ring, "team-2", sealed)).toThrow(SecretBoxError);
  });

  it("does not open anything altered, and says nothing of the key or the value", () => {
    const sealed = seal(ring, "team-1", "vk_live_secret_1234");
    const parts = sealed.split(".");
    const flip = (s: string) => {
      const b = Buffer.from(s, "base64url");
      b[0]! ^= 1;
      return b.toString("base64url");
    };
    const altered = [2, 3, 4].map((i) => parts.map((p, j) => (j === i ? flip(p) : p)).join("."));
    altered.push(sealed.replace(/^v1\./, "v2."), parts.slice(0, 4).join("."), `${sealed}x`);
    altered.push(parts.map((p, j) => (j === 1 ? "00000000" : p)).join("."));
    for (const bad of altered) {
      let err: unknown;
      try {
        open(ring, "team-1", bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(SecretBoxError);
      expect(String(err)).not.toContain("vk_live");
      expect(String(err)).not.toContain(ring.current.toString("hex"));
    }
  });

  it("opens values sealed with a previous key; a key not configured any more opens nothing", () => {
    const old = key32();
    const sealed = seal({ current: old, previous: [] }, "team-1", "old-secret-value");
    const rotated = { current: key32(), previous: [old] };
    expect(open(rotated, "team-1", sealed)).toBe("old-secret-value");
    expect(sealedKeyId(seal(rotated, "team-1", "x"))).toBe(keyIdOf(rotated.current));
    expect(() => open({ current: rotated.current, previous: [] }, "team-1", sealed)).toThrow(SecretBoxError);
  });

  it("derives the key from AUTH_SECRET with HKDF when ENCRYPTION_KEY is unset, and keeps it readable once one is set", () => {
    const fromSecret = keyRingFrom({ AUTH_SECRET });
    expect(fromSecret.current.equals(deriveKeyFromSecret(AUTH_SECRET))).toBe(true);
    expect(fromSecret.current).toHaveLength(32);
    expect(fromSecret.current.equals(deriveKeyFromSecret(`${AUTH_SECRET}x`))).toBe(false);
    const sealed = seal(fromSecret, "team-1", "sealed-before-the-key");
    expect(() => open(keyRingFrom({ AUTH_SECRET: `${AUTH_SECRET}x` }), "team-1", sealed)).toThrow(SecretBoxError);

    const withKey = keyRingFrom({ AUTH_SECRET, ENCRYPTION_KEY: key32() });
    expect(open(withKey, "team-1", sealed)).toBe("sealed-before-the-key");
    expect(sealedKeyId(seal(withKey, "team-1", "x"))).not.toBe(keyIdOf(fromSecret.current));
    expect(() => keyRingFrom({})).toThrow(SecretBoxError);
  });
});

describe("rotation", () => {
  it("re-seals every stored key with the current key, counts only, and is safe to run twice", async () => {
    const a = await makeUser("Alice");
    const b = await makeUser("Bob");
    const c = await makeUser("Cleo");
    const old = key32();
    const oldRing = { current: old, previous: [] };
    for (const [team, plain] of [
      [a.team.id, "key-of-team-a-0001"],
      [b.team.id, "key-of-team-b-0002"],
    ] as const)
      await upsertTeamKey(db(), {
        teamId: team,
        ciphertext: seal(oldRing, team, plain),
        last4: plain.slice(-4),
        setBy: null,
      });
    // Sealed with a key nobody configured any more: left as it is, and counted.
    await upsertTeamKey(db(), {
      teamId: c.team.id,
      ciphertext: seal({ current: key32(), previous: [] }, c.team.id, "lost-key-0003"),
      last4: "0003",
      setBy: null,
    });

    const ring = { current: key32(), previous: [old] };
    const counts = await rotateTeamKeys(db(), ring);
    expect(counts).toEqual({ total: 3, resealed: 2, current: 0, unreadable: 1 });
    expect(JSON.stringify(counts)).not.toContain("key-of");

    const onlyNew = { current: ring.current, previous: [] };
    for (const [team, plain] of [
      [a.team.id, "key-of-team-a-0001"],
      [b.team.id, "key-of-team-b-0002"],
    ] as const) {
      const row = await getTeamKeyRow(db(), team);
      expect(sealedKeyId(row!.ciphertext)).toBe(keyIdOf(ring.current));
      expect(open(onlyNew, team, row!.ciphertext)).toBe(plain);
    }
    expect(await rotateTeamKeys(db(), ring)).toEqual({ total: 3, resealed: 0, current: 2, unreadable: 1 });
  });
});

describe("reading a team's key", () => {
  it("is null without one; a row that does not open throws TeamKeyUnreadable, never a fallback", async () => {
    const a = await makeUser("Alice");
    const b = await makeUser("Bob");
    expect(await readTeamKey(db(), a.team.id)).toBeNull();
    world.userId = a.user.id;
    const key = sandboxAccountKey(AUTH_SECRET, a.team.slug);
    expect(await save(a.team.slug, key)).toMatchObject({ ok: true });
    expect(await readTeamKey(db(), a.team.id)).toBe(key);

    // Team A's sealed key copied into team B's row does not open there.
    const row = await getTeamKeyRow(db(), a.team.id);
    await upsertTeamKey(db(), { teamId: b.team.id, ciphertext: row!.ciphertext, last4: row!.last4, setBy: null });
    const err = await readTeamKey(db(), b.team.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TeamKeyUnreadable);
    expect(String((err as Error).message)).not.toContain(key);
  });
});

describe("saving a key", () => {
  it("checks it with upstream, stores it sealed, and shows only its last four characters", async () => {
    const a = await makeUser("Alice");
    world.userId = a.user.id;
    const page = await settingsHtml(a.team.slug);
    expect(page).toContain("Using the studio&#x27;s Vimmerse account");
    const key = sandboxAccountKey(AUTH_SECRET, a.team.slug);
    // In sandbox mode, the key to try is offered while the team has none.
    expect(page).toContain(key);

    const state = await save(a.team.slug, `  ${key}  `);
    expect(state).toEqual({ ok: true, message: `Saved. This team now uses its own key ending in ${key.slice(-4)}.` });
    expect(JSON.stringify(state)).not.toContain(key);
    expect(net.seen).toContain(key);

    const [row] = await db().select().from(teamVimmerseKeys).where(eq(teamVimmerseKeys.teamId, a.team.id));
    expect(row).toMatchObject({ last4: key.slice(-4), setBy: a.user.id });
    const stored = JSON.stringify(row);
    for (const form of [
      key,
      Buffer.from(key).toString("base64"),
      Buffer.from(key).toString("base64url"),
      Buffer.from(key).toString("hex"),
    ])
      expect(stored).not.toContain(form);
    expect(await teamKeyStatus(db(), a.team.id)).toMatchObject({ last4: key.slice(-4), setByName: "Alice" });

    const after = await settingsHtml(a.team.slug);
    expect(after).toContain(`Using your team&#x27;s key ending in`);
    expect(after).toContain(`····${key.slice(-4)}`);
    expect(after).not.toContain(key);
  });

  it("refuses a key upstream does not accept and stores nothing (a key already set stays)", async () => {
    const a = await makeUser("Alice");
    world.userId = a.user.id;
    const wrong = `sbx_${a.team.slug}_${randomBytes(16).toString("hex")}`;
    const state = await save(a.team.slug, wrong);
    expect(state).toEqual({ fieldErrors: { apiKey: ["Vimmerse did not accept this key. Nothing was saved."] } });
    expect(JSON.stringify(state)).not.toContain(wrong);
    expect(await db().select().from(teamVimmerseKeys)).toEqual([]);

    const good = sandboxAccountKey(AUTH_SECRET, a.team.slug);
    await save(a.team.slug, good);
    expect((await save(a.team.slug, wrong)).fieldErrors?.apiKey).toBeDefined();
    expect(await readTeamKey(db(), a.team.id)).toBe(good);
  });

  it("stores nothing when upstream cannot be asked (network down, or a 5xx)", async () => {
    const a = await makeUser("Alice");
    world.userId = a.user.id;
    const key = sandboxAccountKey(AUTH_SECRET, a.team.slug);
    const unreachable = "Could not check the key with Vimmerse right now. Nothing was saved; try again in a minute.";
    networkDown();
    expect(await save(a.team.slug, key)).toEqual({ error: unreachable });
    net.fetch = async () => Response.json({ message: "INTERNAL" }, { status: 503 });
    expect(await save(a.team.slug, key)).toEqual({ error: unreachable });
    expect(await db().select().from(teamVimmerseKeys)).toEqual([]);
  });

  it("refuses malformed input before asking anyone, without repeating it", async () => {
    const a = await makeUser("Alice");
    world.userId = a.user.id;
    for (const bad of ["short", "has a space in it", "x".repeat(201), "tab\there-and-more"]) {
      const state = await save(a.team.slug, bad);
      expect(state.fieldErrors?.apiKey, bad).toHaveLength(1);
      expect(JSON.stringify(state)).not.toContain(bad);
    }
    expect(net.seen).toEqual([]);
  });
});

describe("who may set and remove it", () => {
  it("owners only: admins, members and viewers get the role error; another team gets not-found", async () => {
    const a = await makeUser("Alice");
    const key = sandboxAccountKey(AUTH_SECRET, a.team.slug);
    world.userId = a.user.id;
    await save(a.team.slug, key);
    const before = await getTeamKeyRow(db(), a.team.id);

    for (const role of ["admin", "member", "viewer"] as const) {
      const who = await makeUser(role);
      await addMember(db(), a.team.id, who.user.id, role);
      world.userId = who.user.id;
      const other = sandboxAccountKey(AUTH_SECRET, who.team.slug);
      expect(await save(a.team.slug, other)).toEqual({ error: "Only owners can change the team's Vimmerse key." });
      expect(await remove(a.team.slug)).toEqual({ error: "Only owners can change the team's Vimmerse key." });
      // And the page shows them no such card.
      expect(await settingsHtml(a.team.slug)).not.toContain("Vimmerse API key");
    }
    const stranger = await makeUser("Sam");
    world.userId = stranger.user.id;
    expect(await save(a.team.slug, key)).toEqual({ error: NO_TEAM });
    expect(await remove(a.team.slug)).toEqual({ error: NO_TEAM });
    expect(await getTeamKeyRow(db(), a.team.id)).toEqual(before);
    expect(net.seen.filter((k) => k !== key)).toEqual([]);
  });

  it("an owner removes it: the team is back on the studio's account", async () => {
    const a = await makeUser("Alice");
    world.userId = a.user.id;
    await save(a.team.slug, sandboxAccountKey(AUTH_SECRET, a.team.slug));
    expect(await remove(a.team.slug)).toEqual({
      ok: true,
      message: "Removed. This team's videos use the studio's Vimmerse account again.",
    });
    expect(await readTeamKey(db(), a.team.id)).toBeNull();
    expect(await settingsHtml(a.team.slug)).toContain("Using the studio&#x27;s Vimmerse account");
    expect(await remove(a.team.slug)).toEqual({ ok: true, message: "This team has no key of its own." });
  });
});
