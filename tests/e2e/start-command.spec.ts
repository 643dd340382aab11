import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";

// The README's start command with nothing configured: embedded Postgres, generated secret,
// sandbox upstream. Uses the build the suite just made (no rebuild: sources are older).
const PORT = 3201;
const base = `http://localhost:${PORT}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "studio-start-"));

function start(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir };
  for (const k of ["DATABASE_URL", "AUTH_SECRET", "APP_URL", "VIMMERSE_API_KEY", "VIMMERSE_API_URL", "NODE_ENV"])
    delete env[k];
  return spawn("npm", ["start"], { env, stdio: "ignore", detached: true });
}

async function waitUp(): Promise<void> {
  for (let i = 0; i < 480; i++) {
    const ok = await fetch(`${base}/sign-in`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the start command did not serve the app within 4 minutes");
}

const answers = () =>
  fetch(`${base}/sign-in`, { signal: AbortSignal.timeout(2_000) })
    .then(() => true)
    .catch(() => false);

/** Stops the whole process group and waits until nothing answers on the port any more, so the
 *  next waitUp() can only be answered by the restarted server. True when the group ended on its
 *  own within 10 s of SIGTERM; else it is killed. */
async function stop(child: ChildProcess): Promise<boolean> {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  for (let i = 0; i < 120 && (await answers()); i++) await new Promise((r) => setTimeout(r, 500));
  // The server must not linger: a browser's idle keep-alive connections would hold it (and the
  // embedded database the restart needs) for minutes if it waited for them.
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 20 && alive(); i++) await new Promise((r) => setTimeout(r, 500));
  if (!alive()) return true;
  process.kill(-child.pid!, "SIGKILL");
  return false;
}

test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("npm start needs no configuration and keeps data across a restart", async ({ page }) => {
  test.setTimeout(600_000);
  let app = start();
  try {
    await waitUp();
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(true);
    expect(existsSync(path.join(dataDir, "auth-secret"))).toBe(true);
    const email = uniqueEmail("local");
    await signUp(page, "Local User", email, `${base}/sign-up`);
    // Leave the app first: its open page may still be renewing the session cookie.
    await page.goto("about:blank");
    expect(await stop(app), "the server exits by itself after SIGTERM").toBe(true);

    app = start();
    await waitUp();
    await page.context().clearCookies();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("team-switcher")).toContainText("Local User's team");
  } finally {
    await stop(app);
  }
});
