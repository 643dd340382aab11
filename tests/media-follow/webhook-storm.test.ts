import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { media } from "@/db/media-schema";
import { getDb } from "@/lib/db";
import { handleVimmerseWebhook } from "@/lib/media/webhook";
import { createVimmerseClient } from "@/lib/vimmerse";
import { makeUser } from "../helpers/factories";
import {
  createParallax,
  type Env,
  makeEnv,
  SANDBOX_BASE,
  SANDBOX_KEY,
  webhookRequest,
  webhookSecretOf,
} from "../helpers/harness";

// Issue 13: a storm of notices for a media still rendering made one upstream GET each (714 in
// 10 s). Now one notice's pass holds the media, and notices meanwhile fold into one more pass
// at most every `syncGapMs`.

let env: Env;

afterEach(async () => {
  await env?.sandbox.stopWorker();
});

it("a second and a half of back-to-back notices makes a handful of GETs, not one each", async () => {
  env = await makeEnv();
  // Still rendering throughout: upstream takes a minute.
  await env.sandbox.updateSettings({ delayMs: 60_000 });
  const { user, team } = await makeUser("Stormy");
  const id = await createParallax(env, { teamId: team.id, userId: user.id });
  const upstreamId = (await getDb().select().from(media).where(eq(media.id, id)))[0]!.upstreamId!;
  const secret = await webhookSecretOf(upstreamId);

  let gets = 0;
  const counting = createVimmerseClient({
    baseUrl: SANDBOX_BASE,
    apiKey: SANDBOX_KEY,
    sleep: async () => {},
    fetch: (input, init) => {
      if (String(input).includes(upstreamId) && (init?.method ?? "GET") === "GET") gets++;
      return env.fetchFile(String(input), init);
    },
  });
  const deps = { ...env.webhookDeps(), client: counting, syncGapMs: 300 };
  const notice = { customer_id: "c", media_id: upstreamId, status: "processing" };

  // One notice after another for a second and a half, as a retrying sender would.
  const started = Date.now();
  const answers: number[] = [];
  while (Date.now() - started < 1_500) {
    answers.push((await handleVimmerseWebhook(deps, secret, webhookRequest(secret, notice))).status);
  }
  await env.settle();
  const seconds = (Date.now() - started) / 1000;

  // Every notice is answered at once, 2xx, so upstream does not retry them.
  expect(answers.length).toBeGreaterThan(20);
  expect(answers.every((s) => s === 200)).toBe(true);
  // At most one GET per 300 ms gap (and the first), however many notices came.
  expect(gets).toBeGreaterThanOrEqual(2);
  expect(gets).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / 300) + 1);
  // The lease is let go at the end: the next notice is served again.
  expect((await getDb().select().from(media).where(eq(media.id, id)))[0]!.syncLeaseUntil).toBeNull();
});
