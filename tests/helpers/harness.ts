import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@/lib/db";
import { createMediaAs } from "@/lib/media/create";
import type { Upstream } from "@/lib/media/deps";
import { sendWaiting } from "@/lib/media/waiting";
import { handleVimmerseWebhook, type WebhookDeps } from "@/lib/media/webhook";
import type { Sandbox } from "@/lib/sandbox";
import { deriveSandboxApiKey } from "@/lib/sandbox-key";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage/types";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";
import { abortable } from "./abortable";
import { parallaxForm } from "./parallax";

// The integration tests' stand-ins for the request world of Next and for upstream.
//
// `world` is what the mocked request world sees: who is signed in, which upstream client and
// which storage the actions, pages and routes get. Test files mock @/lib/auth/index,
// @/lib/upstream and @/lib/storage with factories that `await import("../helpers/harness")`
// and read `world`; each test sets it.
//
// `makeEnv` is the in-process sandbox: its webhooks are delivered straight into the app's
// webhook handler, its files are fetched through its own handler, and the app's storage is a
// temporary folder.

export const APP_URL = "http://studio.test";
export const SANDBOX_BASE = "http://sandbox.test/api/sandbox";
export const FILE_SECRET = "test-secret-test-secret-test-secret-0123";
/** The one key the sandbox accepts, derived from the tests' AUTH_SECRET as the app derives it. */
export const SANDBOX_KEY = deriveSandboxApiKey(FILE_SECRET);

export const world: { userId: string | null; client: VimmerseClient | null; storage: Storage | null } = {
  userId: null,
  client: null,
  storage: null,
};

/** Factories for vi.mock of the request world's modules; each reads `world` when called. */
export const worldMocks = {
  auth: () => ({ auth: async () => (world.userId ? { user: { id: world.userId } } : null) }),
  /** next/navigation for server code under test: a redirect throws Redirected, a 404 throws NOT_FOUND. */
  navigation: () => ({
    redirect: (url: string) => {
      throw new Redirected(url);
    },
    notFound: () => {
      throw new Error("NOT_FOUND");
    },
    useRouter: () => ({ refresh: () => {}, push: () => {}, replace: () => {} }),
    usePathname: () => "/",
    useSearchParams: () => new URLSearchParams(),
  }),
  upstream: () => ({ getVimmerse: () => world.client, upstreamFor: async () => world.client }),
  storage: () => ({ getStorage: () => world.storage }),
};

/** Thrown by the mocked `redirect` of next/navigation, so a test can read where it went. */
export class Redirected extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `studio-${label}-`));
}

/** Local storage in a fresh temporary folder. */
export function tempStorage(): Storage {
  return localStorage(tempDir("storage"));
}

/** A client whose network is down: every call throws like fetch does when nothing listens (never sent). */
export function downClient(calls = { n: 0 }): VimmerseClient {
  return createVimmerseClient({
    baseUrl: "http://upstream.invalid",
    apiKey: "k",
    fetch: async () => {
      calls.n++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    },
    sleep: async () => {},
    retries: 0,
  });
}

export function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

export type Env = {
  sandbox: Sandbox;
  client: VimmerseClient;
  storage: Storage;
  fetchFile: (url: string, init?: RequestInit) => Promise<Response>;
  webhookDeps: () => WebhookDeps;
  /** Waits for the work the webhook handler deferred (the copies of finished videos). */
  settle: () => Promise<void>;
  hooks: { url: string; status: number }[];
  /** Makes the webhook handler use this upstream (say, per-team keys) instead of `client`. */
  setUpstream: (u: Upstream) => void;
};

/**
 * `timeoutMs`: the app client's per-call timeout (short, to lose "late" answers quickly).
 * `acceptsKey`: keys the sandbox accepts besides the operator's (teams' own accounts).
 */
export async function makeEnv(opts: { timeoutMs?: number; acceptsKey?: (key: string) => boolean } = {}): Promise<Env> {
  const { createSandbox } = await import("@/lib/sandbox");
  const storage = tempStorage();
  const deferred: Promise<unknown>[] = [];
  const hooks: Env["hooks"] = [];
  let sandbox: Sandbox;
  const toSandbox = abortable((request) => sandbox.handle(request));
  const client = createVimmerseClient({
    baseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    fetch: (i, init) => toSandbox(String(i), init),
    sleep: async () => {},
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  // What the webhook handler calls upstream with: the operator's client, or a per-team resolver.
  let upstream: Upstream = client;
  const webhookDeps = (): WebhookDeps => ({
    db: getDb(),
    client: upstream,
    storage,
    fetchFile: toSandbox,
    defer: (task) => void deferred.push(task()),
    // No wait between passes here; tests/media-follow/webhook-storm.test.ts measures the gap.
    syncGapMs: 0,
    // As the app does: a finished render lets the team's waiting ones go.
    onSlotFreed: (teamId) =>
      sendWaiting({ db: getDb(), client: upstream, storage, appUrl: APP_URL, fileSecret: FILE_SECRET }, { teamId }),
  });
  const network = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    if (url.startsWith(`${APP_URL}/api/webhooks/vimmerse/`)) {
      const res = await handleVimmerseWebhook(webhookDeps(), url.split("/").pop(), new Request(url, init));
      hooks.push({ url, status: res.status });
      return res;
    }
    if (url.startsWith(SANDBOX_BASE)) return toSandbox(url, init);
    throw new TypeError(`fetch failed: ${url} is unreachable`);
  }) as typeof fetch;
  // The app is on APP_URL, the sandbox on another host here: webhooks may go to the app's origin.
  sandbox = createSandbox({
    db: getDb(),
    filesDir: tempDir("sandbox"),
    publicBaseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    appOrigin: APP_URL,
    fetch: network,
    ...(opts.acceptsKey ? { acceptsKey: opts.acceptsKey } : {}),
  });
  await sandbox.updateSettings({ credits: null, failRate: 0, delayMs: 0, dropWebhooks: false });
  const settle = async () => {
    while (deferred.length) await Promise.all(deferred.splice(0));
  };
  const setUpstream = (u: Upstream) => {
    upstream = u;
  };
  return { sandbox, client, storage, fetchFile: toSandbox, webhookDeps, settle, hooks, setUpstream };
}

/** A Parallax media made through the Create flow and submitted to the sandbox (1 s renders). */
export async function createParallax(
  env: Env,
  who: { teamId: string; userId: string },
  fields: Record<string, string> = {},
  client: Upstream = env.client,
): Promise<string> {
  const form = await parallaxForm(getDb(), env.storage, who, fields);
  const r = await createMediaAs(
    { db: getDb(), client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET },
    who,
    form,
  );
  if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r)}`);
  return r.mediaId;
}

/** The secret in the webhook URL the sandbox holds for a media (the app keeps only its hash). */
export async function webhookSecretOf(upstreamId: string): Promise<string> {
  const { sandboxMedia } = await import("@/lib/sandbox/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await getDb()
    .select({ url: sandboxMedia.webhookUrl })
    .from(sandboxMedia)
    .where(eq(sandboxMedia.id, upstreamId));
  return row!.url.split("/").pop()!;
}

export const webhookRequest = (secret: string, body: unknown, raw = false) =>
  new Request(`${APP_URL}/api/webhooks/vimmerse/${secret}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ? String(body) : JSON.stringify(body),
  });

/** How many jobs upstream (the sandbox) holds: what was really created, and charged. */
export async function upstreamJobs(): Promise<string[]> {
  const { sandboxMedia } = await import("@/lib/sandbox/schema");
  return (await getDb().select({ id: sandboxMedia.id }).from(sandboxMedia)).map((r) => r.id);
}
