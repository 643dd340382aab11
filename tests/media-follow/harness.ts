import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as createService from "@/app/(app)/t/[team]/create/service";
import { handleVimmerseWebhook, type WebhookDeps } from "@/app/api/webhooks/vimmerse/[secret]/handler";
import { getDb } from "@/db/client";
import { recordUpload } from "@/db/queries/uploads";
import type { Sandbox } from "@/lib/sandbox";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage/types";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";
import { png } from "../helpers/png";

// The follow-up flow against the in-process sandbox: the sandbox's webhooks are delivered
// straight into the app's webhook handler, its files are fetched through its own handler, and
// the app's storage is a temporary folder. `world` feeds the mocks of the request world.

export const APP_URL = "http://studio.test";
export const SANDBOX_BASE = "http://sandbox.test/api/sandbox";
export const FILE_SECRET = "test-secret-test-secret-test-secret-0123";

export const world: { userId: string | null; client: VimmerseClient | null; storage: Storage | null } = { userId: null, client: null, storage: null };

export type Env = {
  sandbox: Sandbox;
  client: VimmerseClient;
  storage: Storage;
  fetchFile: (url: string, init?: RequestInit) => Promise<Response>;
  webhookDeps: () => WebhookDeps;
  /** Waits for the work the webhook handler deferred (the copies of finished videos). */
  settle: () => Promise<void>;
  hooks: { url: string; status: number }[];
};

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `follow-${label}-`));
}

export async function makeEnv(): Promise<Env> {
  const { createSandbox } = await import("@/lib/sandbox");
  const storage = localStorage(tempDir("storage"));
  const deferred: Promise<unknown>[] = [];
  const hooks: Env["hooks"] = [];
  let sandbox: Sandbox;
  const toSandbox = (url: string, init?: RequestInit) => sandbox.handle(new Request(url, init));
  const client = createVimmerseClient({ baseUrl: SANDBOX_BASE, apiKey: "sandbox-local-key", fetch: (i, init) => toSandbox(String(i), init), sleep: async () => {} });
  const webhookDeps = (): WebhookDeps => ({ db: getDb(), client, storage, fetchFile: toSandbox, defer: (task) => void deferred.push(task()) });
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
  sandbox = createSandbox({ db: getDb(), filesDir: tempDir("sandbox"), publicBaseUrl: SANDBOX_BASE, fetch: network });
  await sandbox.updateSettings({ credits: null, failRate: 0, delayMs: 0, dropWebhooks: false });
  const settle = async () => {
    while (deferred.length) await Promise.all(deferred.splice(0));
  };
  return { sandbox, client, storage, fetchFile: toSandbox, webhookDeps, settle, hooks };
}

export function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** A Parallax media made through the Create flow and submitted to the sandbox (1 s renders). */
export async function createParallax(env: Env, who: { teamId: string; userId: string }, fields: Record<string, string> = {}): Promise<string> {
  const bytes = png();
  const key = `uploads/${who.teamId}/${crypto.randomUUID()}.png`;
  await env.storage.put(key, bytes, "image/png");
  const up = await recordUpload(getDb(), { teamId: who.teamId, uploadedBy: who.userId, storage: "local", storageKey: key, url: null, name: "photo.png", contentType: "image/png", bytes: bytes.byteLength });
  const form = formOf({ idempotencyKey: crypto.randomUUID(), motionType: "Parallax", cameraPath: "HorizontalArc", firstImage: up.id, title: "Sunset", duration: "1", ...fields });
  const r = await createService.createMediaAs({ db: getDb(), client: env.client, storage: env.storage, appUrl: APP_URL, fileSecret: FILE_SECRET }, who, form);
  if (!r.ok) throw new Error(`create failed: ${JSON.stringify(r)}`);
  return r.mediaId;
}

/** The secret in the webhook URL the sandbox holds for a media (the app keeps only its hash). */
export async function webhookSecretOf(upstreamId: string): Promise<string> {
  const { sandboxMedia } = await import("@/lib/sandbox/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await getDb().select({ url: sandboxMedia.webhookUrl }).from(sandboxMedia).where(eq(sandboxMedia.id, upstreamId));
  return row!.url.split("/").pop()!;
}

export const webhookRequest = (secret: string, body: unknown, raw = false) =>
  new Request(`${APP_URL}/api/webhooks/vimmerse/${secret}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ? String(body) : JSON.stringify(body),
  });
