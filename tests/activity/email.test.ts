import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notifications } from "@/db/library-schema";
import { addMember } from "@/db/queries/teams";
import { getDb } from "@/lib/db";
import { addCommentAs } from "@/lib/review/comments";
import { makeUser } from "../helpers/factories";
import { APP_URL, createParallax, type Env, formOf, makeEnv, world } from "../helpers/harness";

// Emails for notifications: sent through lib/mail.ts when EMAIL_SERVER is set (emailed_at
// marks it), printed to the log in development when it is not, never for a kind the user
// switched off, and a mail server that fails never undoes or breaks what made the notification.

const settings = vi.hoisted(() => ({ extra: {} as Record<string, string | undefined> }));
const sent = vi.hoisted(() => ({ mails: [] as { to: string; subject: string; text: string }[], fail: false }));
vi.mock("@/lib/env", async (original) => {
  const real = await original<typeof import("@/lib/env")>();
  return { ...real, env: () => real.parseEnv({ ...process.env, APP_URL, ...settings.extra }) };
});
// The SMTP transport replaced by nodemailer's JSON transport: the message is built, not sent.
vi.mock("nodemailer", async (original) => {
  const real = await original<typeof import("nodemailer")>();
  const createTransport = () => {
    const json = real.createTransport({ jsonTransport: true });
    return {
      sendMail: async (m: { to: string; subject: string; text: string }) => {
        if (sent.fail) throw new Error("connect ECONNREFUSED");
        await json.sendMail(m);
        sent.mails.push({ to: m.to, subject: m.subject, text: m.text });
      },
    };
  };
  return { ...real, default: { ...real, createTransport }, createTransport };
});
vi.mock("@/lib/auth/index", async () => (await import("../helpers/harness")).worldMocks.auth());
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async () => (await import("../helpers/harness")).worldMocks.navigation());

const { saveEmailSettingsAction } = await import("@/app/(app)/account/notifications/actions");

const db = () => getDb();
let env: Env;
let logged: string[];

beforeEach(async () => {
  env = await makeEnv();
  sent.mails = [];
  sent.fail = false;
  settings.extra = {};
  logged = [];
  vi.spyOn(console, "info").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(async () => {
  await env.sandbox.stopWorker();
  vi.restoreAllMocks();
});

const notes = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId));

/** Ada's render finishes; Bob, a member, is mentioned on it. */
async function scene() {
  const ada = await makeUser("Ada");
  const bob = await makeUser("Bob");
  await addMember(db(), ada.team.id, bob.user.id, "member");
  const id = await createParallax(env, { teamId: ada.team.id, userId: ada.user.id }, { title: "Sunset" });
  await env.sandbox.drain();
  await env.settle();
  const mention = () => addCommentAs(db(), ada.actor, { mediaId: id, body: "@Bob what do you think?" });
  return { ada, bob, id, mention };
}

describe("notification emails", () => {
  it("sends each notification by email when EMAIL_SERVER is set, with a link to the video", async () => {
    settings.extra = { EMAIL_SERVER: "smtp://mail.test:587" };
    const { ada, bob, id, mention } = await scene();
    await mention();
    const link = `${APP_URL}/t/${ada.team.slug}/media/${id}`;
    expect(sent.mails).toEqual([
      { to: ada.user.email, subject: "Your video “Sunset” finished rendering", text: expect.stringContaining(link) },
      { to: bob.user.email, subject: "Ada mentioned you on “Sunset”", text: expect.stringContaining(link) },
    ]);
    expect(sent.mails[0]!.text).toContain(`${APP_URL}/account/notifications`);
    expect((await notes(ada.user.id))[0]!.emailedAt).not.toBeNull();
    expect((await notes(bob.user.id))[0]!.emailedAt).not.toBeNull();
    expect(logged.filter((l) => l.includes("[mail]"))).toEqual([]);
  }, 60_000);

  it("logs the email instead in development when EMAIL_SERVER is not set, and marks nothing sent", async () => {
    settings.extra = { NODE_ENV: "development" };
    const { bob, mention } = await scene();
    await mention();
    expect(sent.mails).toEqual([]);
    const mail = logged.find((l) => l.includes(bob.user.email!));
    expect(mail).toContain("Ada mentioned you on “Sunset”");
    expect((await notes(bob.user.id))[0]!.emailedAt).toBeNull();
  }, 60_000);

  it("sends nothing and logs nothing in production without EMAIL_SERVER", async () => {
    settings.extra = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) };
    const { bob, mention } = await scene();
    await mention();
    expect(sent.mails).toEqual([]);
    expect(logged.filter((l) => l.includes("[mail]"))).toEqual([]);
    expect(await notes(bob.user.id)).toHaveLength(1);
  }, 60_000);

  it("honours a switched-off kind: the bell still has it, no email goes", async () => {
    settings.extra = { EMAIL_SERVER: "smtp://mail.test:587" };
    const { ada, bob, id } = await scene();
    sent.mails = [];
    world.userId = bob.user.id;
    // Bob keeps render emails, switches mentions off.
    const r = await saveEmailSettingsAction({}, formOf({ render_finished: "on", render_failed: "on" }));
    expect(r).toMatchObject({ ok: true });
    await addCommentAs(db(), ada.actor, { mediaId: id, body: "@Bob ping" });
    expect(await notes(bob.user.id)).toMatchObject([{ kind: "mentioned", emailedAt: null }]);
    expect(sent.mails).toEqual([]);
  }, 60_000);

  it("a failing mail server does not break the comment; the email stays unsent", async () => {
    settings.extra = { EMAIL_SERVER: "smtp://mail.test:587" };
    const { bob, mention } = await scene();
    sent.fail = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await mention()).toMatchObject({ ok: true });
    expect(await notes(bob.user.id)).toMatchObject([{ kind: "mentioned", emailedAt: null }]);
    expect(errors).toHaveBeenCalled();
  }, 60_000);
});

describe("email settings", () => {
  it("saves the switches for the signed-in user only; bad input changes nothing", async () => {
    const { bob, ada } = await scene();
    const { loadEmailSettings } = await import("@/lib/notifications/settings");
    world.userId = bob.user.id;
    const bad = await saveEmailSettingsAction({}, formOf({ render_finished: "yes please" }));
    expect(bad.fieldErrors?.render_finished).toEqual(["A switch is either on or off."]);
    expect(await loadEmailSettings(db(), bob.user.id)).toEqual({
      render_finished: true,
      render_failed: true,
      mentioned: true,
    });
    expect(await saveEmailSettingsAction({}, formOf({ mentioned: "on" }))).toMatchObject({ ok: true });
    expect(await loadEmailSettings(db(), bob.user.id)).toEqual({
      render_finished: false,
      render_failed: false,
      mentioned: true,
    });
    expect(await loadEmailSettings(db(), ada.user.id)).toMatchObject({ render_finished: true });
    world.userId = null;
    expect(await saveEmailSettingsAction({}, formOf({}))).toMatchObject({ error: expect.any(String) });
    expect(await loadEmailSettings(db(), bob.user.id)).toMatchObject({ mentioned: true, render_failed: false });
  }, 60_000);
});
