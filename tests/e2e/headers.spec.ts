import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { urlFor } from "../helpers/pg";
import {
  createParallax,
  E2E_DATABASE,
  expectPlays,
  PASSWORD,
  png,
  signIn,
  signOut,
  signUp,
  uniqueEmail,
} from "./helpers";

// Issue 10, item 8, against the production build: every page carries the security headers and a
// CSP whose nonce is new each time and is the one on the page's scripts; using the app (sign up,
// Create, an upload, a render, its page, settings) trips no CSP rule; a state-changing request
// sent by another site is refused and changes nothing.

test.describe.configure({ timeout: 180_000 });

const sql = postgres(urlFor(E2E_DATABASE), { max: 1, onnotice: () => {} });
test.afterAll(() => sql.end({ timeout: 5 }));

/** Everything the browser reports that a CSP (or anything else) refused on the page. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.text().startsWith("csp-violation ")) problems.push(m.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.warn(`csp-violation ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return problems;
}

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

/** The headers every page has, and the nonce of its CSP, which every script tag in the HTML carries. */
type Answer = { headers(): Record<string, string>; text(): Promise<string> };

async function expectSecurePage(response: Answer | null, label: string): Promise<string> {
  expect(response, label).not.toBeNull();
  const h = response!.headers();
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], label).toContain("camera=()");
  expect(h["x-frame-options"], label).toBe("DENY");
  const csp = h["content-security-policy"] ?? "";
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  const nonce = nonceOf(csp);
  expect(nonce, label).toBeTruthy();

  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, label).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test("signed out: every page has the headers and a new nonce each time", async ({ page }) => {
  const problems = watchForProblems(page);
  for (const path of ["/", "/sign-in", "/sign-up", "/invite/not-a-token"]) {
    const first = await expectSecurePage(await page.goto(path), path);
    const second = await expectSecurePage(await page.goto(path), `${path} again`);
    expect(second, path).not.toBe(first);
  }
  // Browsers still ask for /favicon.ico (for a video opened on its own, say): it leads to the icon.
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  // The not-found page too (fetched, not opened: the browser logs every 404 document as an error).
  const missing = await page.request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  await expectSecurePage(missing, "not found");
  // The signed-in areas still send a visitor without a session to sign in, with the headers on the way.
  const redirected = await page.request.get("/t/anything/create", { maxRedirects: 0 });
  expect(redirected.status()).toBe(307);
  expect(redirected.headers().location).toContain("/sign-in?callbackUrl=%2Ft%2Fanything%2Fcreate");
  expect(redirected.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(problems).toEqual([]);
});

test("route handlers have the static headers and a CSP that runs nothing", async ({ request }) => {
  for (const path of ["/api/t/nope/media/status?ids=x", "/api/auth/session", "/api/sandbox/media"]) {
    const h = (await request.get(path)).headers();
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["content-security-policy"], path).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
  }
});

test("using the app trips no CSP rule, and another site cannot upload with the session", async ({ page, baseURL }) => {
  const problems = watchForProblems(page);
  const email = uniqueEmail("csp");
  const team = await signUp(page, "Casey Csp", email);
  await signOut(page);
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${team}$`));

  const pages: string[] = [team, `${team}/create`, `${team}/settings`, "/teams/new"];
  for (const path of pages) await expectSecurePage(await page.goto(path), path);

  // A pasted image link is shown as a link, not loaded from its site (img-src is the app's own).
  await page.goto(`${team}/create`);
  await page.getByRole("button", { name: "Use a link" }).first().click();
  await page.getByLabel(/link$/).first().fill("https://images.example.com/photo.jpg");
  await page.getByRole("button", { name: "Use", exact: true }).click();
  await expect(page.getByText("Image link on images.example.com")).toBeVisible();

  // Create: upload an image (its preview), make a Parallax, watch it finish and play it.
  const id = await createParallax(page, team, { title: "Csp check" });
  await expect(page.getByTestId("variant-player")).toHaveCount(1, { timeout: 90_000 });
  const video = await expectPlays(page);
  const mediaPage = `${team}/media/${id}`;
  await expectSecurePage(await page.goto(mediaPage), mediaPage);
  await expect(page.getByTestId("variant-player")).toHaveCount(1);

  // The gallery with its finished card, and the video opened on its own.
  await expectSecurePage(await page.goto(team), `${team} with a card`);
  await expect(page.getByText("Csp check")).toBeVisible();
  const src = await page.goto(mediaPage).then(() => video.getAttribute("src"));
  expect(src).toMatch(/^\/api\/t\//);
  const asset = (await page.request.get(src!)).headers();
  expect(asset["x-content-type-options"]).toBe("nosniff");
  expect(asset["content-security-policy"]).toMatch(/^default-src 'none'; img-src 'self'; media-src 'self'/);
  await page.goto(src!);
  await page.goto(team);
  expect(problems).toEqual([]);

  // Another site's request with this session: refused, nothing stored. The same request from the
  // app itself goes through, so the Origin is what was refused.
  const slug = team.split("/")[2]!;
  const count = async () =>
    Number(
      (await sql`select count(*)::int as n from uploads u join teams t on t.id = u.team_id where t.slug = ${slug}`)[0]!
        .n,
    );
  const before = await count();
  const file = { name: "x.png", mimeType: "image/png", buffer: png(64, 48) };
  for (const headers of <Record<string, string>[]>[
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: `${new URL(baseURL!).origin}.evil.example` },
    { "sec-fetch-site": "cross-site" },
  ]) {
    const res = await page.request.post(`/api/t/${slug}/uploads`, { headers, multipart: { file } });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(await res.json()).toEqual({ error: "This request came from another site, so it was refused." });
  }
  const slots = await page.request.post("/api/uploadthing?actionType=upload&slug=createImage", {
    headers: { origin: "https://evil.example" },
    data: { files: [], input: { team: slug } },
  });
  expect(slots.status()).toBe(403);
  expect(await count()).toBe(before);

  const own = await page.request.post(`/api/t/${slug}/uploads`, {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { file },
  });
  expect(own.status()).toBe(201);
  expect(await count()).toBe(before + 1);
});
