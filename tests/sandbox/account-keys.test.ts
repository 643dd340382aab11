import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createSandbox } from "@/lib/sandbox";
import { isSandboxAccountKey, sandboxAccountKey } from "@/lib/sandbox-key";
import { BASE, call, KEY, tempDir } from "./helpers";

// Account keys: besides the host's key, the sandbox accepts the keys its host vouches for, each
// its own account as upstream has one per key. The host here vouches as lib/sandbox-host.ts does.

const SECRET = randomBytes(32).toString("base64url");
const A = sandboxAccountKey(SECRET, "team-a");
const B = sandboxAccountKey(SECRET, "team-b");

function sandboxWithAccounts() {
  return createSandbox({
    db: getDb(),
    filesDir: tempDir("accounts"),
    publicBaseUrl: BASE,
    apiKey: KEY,
    acceptsKey: (key) => isSandboxAccountKey(SECRET, key),
  });
}

const prompt = { json: { prompt: "a lighthouse at dusk" } };

describe("sandbox account keys", () => {
  it("are made from the secret and the label, and only those verify", () => {
    expect(A).toMatch(/^sbx_team-a_[0-9a-f]{32}$/);
    expect(sandboxAccountKey(SECRET, "team-a")).toBe(A);
    expect(sandboxAccountKey(SECRET, "Team-A")).toBe(A);
    expect(sandboxAccountKey("another-secret-another-secret-0000", "team-a")).not.toBe(A);
    expect(isSandboxAccountKey(SECRET, A)).toBe(true);
    // The tail of one label on another, a changed digit, a made-up tail, extra text: all refused.
    expect(isSandboxAccountKey(SECRET, A.replace("team-a", "team-b"))).toBe(false);
    expect(isSandboxAccountKey(SECRET, `${A.slice(0, -1)}${A.endsWith("0") ? "1" : "0"}`)).toBe(false);
    expect(isSandboxAccountKey(SECRET, `sbx_team-a_${randomBytes(16).toString("hex")}`)).toBe(false);
    expect(isSandboxAccountKey(SECRET, `${A} `)).toBe(false);
    expect(isSandboxAccountKey(SECRET, A.toUpperCase())).toBe(false);
    expect(() => sandboxAccountKey(SECRET, "no spaces")).toThrow(/slug/);
  });

  it("accepts an account key and refuses a made-up sbx_ key with the same bare 401", async () => {
    const sandbox = sandboxWithAccounts();
    const made = await call(sandbox, "POST", "/media/prompt", prompt, A);
    expect(made.status).toBe(200);
    const read = await call(sandbox, "GET", `/media/${made.body.data.id}`, {}, A);
    expect(read.status).toBe(200);

    for (const fake of [`sbx_team-a_${randomBytes(16).toString("hex")}`, "sbx_team-a_", "sbx_", A.slice(0, -1)]) {
      const r = await call(sandbox, "POST", "/media/prompt", prompt, fake);
      expect(r.status, fake).toBe(401);
      expect(r.body).toEqual({ message: "UNAUTHORIZED" });
    }
  });

  it("keeps each key's media apart: made with A, 404 with B and with the host's key, and the other way round", async () => {
    const sandbox = sandboxWithAccounts();
    const ofA = (await call(sandbox, "POST", "/media/prompt", prompt, A)).body.data;
    const ofHost = (await call(sandbox, "POST", "/media/prompt", prompt, KEY)).body.data;
    expect(ofA.customer_id).not.toBe(ofHost.customer_id);

    for (const [id, owner, others] of [
      [ofA.id, A, [B, KEY]],
      [ofHost.id, KEY, [A, B]],
    ] as const) {
      expect((await call(sandbox, "GET", `/media/${id}`, {}, owner)).status).toBe(200);
      for (const key of others) {
        for (const [method, p] of [
          ["GET", `/media/${id}`],
          ["GET", `/media/${id}/processing-status`],
          ["POST", `/media/${id}/process`],
          ["GET", `/media/${id}/download?object_type=bullet_video_mp4&motion_type=Auto`],
        ] as const) {
          expect((await call(sandbox, method, p, {}, key)).status, `${method} ${p}`).toBe(404);
        }
      }
    }
  });

  it("leaves the settings knobs to the host's key", async () => {
    const sandbox = sandboxWithAccounts();
    const before = await sandbox.getSettings();
    expect((await call(sandbox, "GET", "/_sandbox/settings", {}, A)).status).toBe(401);
    const put = await call(sandbox, "PUT", "/_sandbox/settings", { json: { failRate: 1 } }, A);
    expect(put.status).toBe(401);
    expect(await sandbox.getSettings()).toEqual(before);
    expect((await call(sandbox, "GET", "/_sandbox/settings", {}, KEY)).status).toBe(200);
  });

  it("without acceptsKey, an account key is refused like any other", async () => {
    const sandbox = createSandbox({ db: getDb(), filesDir: tempDir("plain"), publicBaseUrl: BASE, apiKey: KEY });
    expect((await call(sandbox, "POST", "/media/prompt", prompt, A)).status).toBe(401);
  });
});
