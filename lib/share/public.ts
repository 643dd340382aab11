import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { countShareView } from "@/db/queries/share-links";
import { verifyPassword } from "@/lib/auth/password";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { serveStored } from "@/lib/http/serve-file";
import { clientId, forgetHits, pause, RULES, throttle } from "@/lib/security/throttle";
import type { Storage } from "@/lib/storage/types";
import { slugify } from "@/lib/text";
import { accessCookie, hasAccess } from "./access";
import { expiredResponse, goneResponse, htmlResponse } from "./html";
import { type Resolved, resolveShare } from "./resolve";
import { shareUrls } from "./tokens";
import { embedPage, passwordPage, playerPage } from "./views";

// What the /s/<token> routes answer. Every one resolves the token first: unknown or revoked is
// 404, expired 410; a password link then needs its cookie before any byte of the video.

export type PublicDeps = { db: DbOrTx; storage: Storage; secret: string; appUrl: string };
type Ok = Extract<Resolved, { kind: "ok" }>;

const refused = (r: Resolved) => (r.kind === "expired" ? expiredResponse() : goneResponse());
const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
const shown = (deps: PublicDeps, token: string, r: Ok) => ({
  token,
  title: r.media.title,
  copy: r.copy,
  allowDownload: r.link.allowDownload,
  appUrl: deps.appUrl,
});

/** GET /s/<token> and /s/<token>/embed: the player (a view counted), or the password gate. */
export async function sharePage(deps: PublicDeps, request: Request, token: string, embed = false): Promise<Response> {
  const r = await resolveShare(deps.db, token);
  if (r.kind !== "ok") return refused(r);
  if (!hasAccess(deps.secret, r.link, request.headers.get("cookie")))
    return htmlResponse(200, passwordPage(token, undefined, embed));
  if (request.method === "GET") await countShareView(deps.db, r.link.id);
  return htmlResponse(200, embed ? embedPage(shown(deps, token, r)) : playerPage(shown(deps, token, r)));
}

const passwordForm = z.object({ password: z.string().max(200).default("") });

/** POST /s/<token>: the password form. Wrong tries are counted per link and client in Postgres. */
export async function sharePassword(deps: PublicDeps, request: Request, token: string): Promise<Response> {
  const crossSite = refuseCrossOrigin(request, deps.appUrl);
  if (crossSite) return crossSite;
  const r = await resolveShare(deps.db, token);
  if (r.kind !== "ok") return refused(r);
  const seeOther = { status: 303, headers: { location: shareUrls.page(token), "cache-control": "no-store" } };
  if (!r.link.passwordHash) return new Response(null, seeOther);
  const form = passwordForm.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  const password = form.success ? form.data.password : "";
  const key = `${r.link.id}:${clientId(request.headers)}`;
  const verdict = await throttle(deps.db, RULES.sharePassword, key);
  if (!verdict.ok)
    return htmlResponse(429, passwordPage(token, verdict.message), {
      "retry-after": String(verdict.retryAfterSeconds),
    });
  await pause(verdict.delayMs);
  if (!password || !(await verifyPassword(password, r.link.passwordHash)))
    return htmlResponse(401, passwordPage(token, "That password isn't right."));
  await forgetHits(deps.db, RULES.sharePassword, key);
  const secure = deps.appUrl.startsWith("https:") || request.url.startsWith("https:");
  const cookie = accessCookie(deps.secret, r.link, token, secure);
  return new Response(null, { ...seeOther, headers: { ...seeOther.headers, "set-cookie": cookie } });
}

/** GET /s/<token>/video (with ranges; `?download=1` as an attachment when allowed) and /poster. */
export async function shareFile(
  deps: PublicDeps,
  request: Request,
  token: string,
  kind: "video" | "poster",
): Promise<Response> {
  const r = await resolveShare(deps.db, token);
  if (r.kind === "gone") return text(404, "Not found");
  if (r.kind === "expired") return text(410, "This link has expired.");
  if (!hasAccess(deps.secret, r.link, request.headers.get("cookie"))) return text(403, "This link needs its password.");
  const download = kind === "video" && new URL(request.url).searchParams.get("download") === "1";
  if (download && !r.link.allowDownload) return text(403, "Downloads are turned off for this link.");
  const asset = kind === "video" ? r.copy.video : r.copy.poster;
  if (!asset) return text(404, "Not found");
  const name = download ? `${slugify(r.media.title, { max: 60, fallback: "video" })}.mp4` : undefined;
  const res = await serveStored(request, deps.storage, asset.storageKey, {
    contentType: asset.contentType,
    bytes: asset.bytes,
    downloadName: name,
  });
  if (!res) return text(404, "Not found");
  // A revoked link must stop at once: no browser cache may keep answering for it.
  res.headers.set("cache-control", "private, no-store");
  res.headers.set("x-robots-tag", "noindex");
  return res;
}
