import { createHash } from "node:crypto";
import type { KeyHolder } from "./access";
import { readJson } from "./body";
import { fail, HttpError, json, notFound, parseOr422 } from "./errors";
import { hideMedia, loseThisAnswer, lostAnswer, rateLimited } from "./faults";
import { fileResponse } from "./files";
import {
  type ApiContext,
  createFromForm,
  createFromPrompt,
  createFromUpload,
  download,
  editMedia,
  processingStatus,
  processMedia,
  readMedia,
} from "./media-api";
import { settingsPatch } from "./settings";
import type { SandboxSettings, SandboxSettingsPatch } from "./types";

// Routing of the API mounted at publicBaseUrl: the same paths as upstream, plus /files/ (the
// "CDN" of rendered results, no key needed: their paths are random) and /_sandbox/settings for
// end-to-end tests. Everything but /files/ needs the host's key or an account key it vouches for,
// and the settings need the host's key (401 otherwise, the same answer whatever the path, so an
// outsider learns nothing). The faults set at
// /_sandbox/settings (faults.ts) are applied here, around the API's endpoints.

export type HttpContext = ApiContext & {
  basePath: string;
  /** Whose x-api-key was presented: the host's, an account's, or nobody's (constant time). */
  keyHolder: (given: string | null | undefined) => KeyHolder;
  getSettings: () => Promise<SandboxSettings>;
  updateSettings: (patch: SandboxSettingsPatch) => Promise<SandboxSettings>;
};

/** The customer_id shown for an accepted key, as upstream shows one per account: each key sees only its own media. */
export function customerIdFor(apiKey: string): string {
  return `sandbox_${createHash("sha256").update(apiKey).digest("hex").slice(0, 12)}`;
}

type Handler = (ctx: HttpContext, req: Request, customerId: string, params: string[]) => Promise<Response>;
/** `reads`: a GET of a media that a notFound fault may hide. */
type Route = { method: string; pattern: RegExp; handler: Handler; reads?: true };

const ID = "([^/]+)";
const routes: Route[] = [
  { method: "POST", pattern: /^\/media\/?$/, handler: (c, r, cid) => createFromForm(c, cid, r) },
  { method: "POST", pattern: /^\/media\/upload\/?$/, handler: (c, r, cid) => createFromUpload(c, cid, r) },
  { method: "POST", pattern: /^\/media\/prompt\/?$/, handler: (c, r, cid) => createFromPrompt(c, cid, r) },
  {
    method: "GET",
    pattern: new RegExp(`^/media/${ID}/processing-status/?$`),
    handler: (c, _r, cid, [id]) => processingStatus(c, cid, id!),
    reads: true,
  },
  {
    method: "PUT",
    pattern: new RegExp(`^/media/${ID}/edit/?$`),
    handler: (c, r, cid, [id]) => editMedia(c, cid, id!, r),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/media/${ID}/process/?$`),
    handler: (c, _r, cid, [id]) => processMedia(c, cid, id!),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/media/${ID}/download/?$`),
    handler: (c, r, cid, [id]) => download(c, cid, id!, r),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/media/${ID}/?$`),
    handler: (c, _r, cid, [id]) => readMedia(c, cid, id!),
    reads: true,
  },
  { method: "GET", pattern: /^\/_sandbox\/settings\/?$/, handler: async (c) => json({ data: await c.getSettings() }) },
  {
    method: "PUT",
    pattern: /^\/_sandbox\/settings\/?$/,
    handler: async (c, r) =>
      json({ data: await c.updateSettings(parseOr422(settingsPatch, await readJson(r), ["body"])) }),
  },
];

async function serveFile(ctx: HttpContext, req: Request, rest: string): Promise<Response> {
  const segments = rest
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return "";
      }
    });
  const file = ctx.files.resolvePublic(segments);
  const res = file && (await fileResponse(file, req, { cache: "public, max-age=31536000, immutable" }));
  return res || json({ message: "NOT_FOUND" }, 404);
}

/** Runs an API call under the faults in force: 429 before, 404 instead, or a lost answer after. */
async function withFaults(
  ctx: HttpContext,
  req: Request,
  route: Route,
  run: (c: HttpContext) => Promise<Response>,
): Promise<Response> {
  const { faults } = await ctx.getSettings();
  const limited = await rateLimited(ctx.db, ctx.defaults, faults);
  if (limited) return limited;
  if (route.reads && hideMedia(faults)) throw notFound();
  let charged = false;
  const res = await run({
    ...ctx,
    faults,
    charged: () => {
      charged = true;
    },
  });
  if (!charged || !res.ok) return res;
  const lost = await loseThisAnswer(ctx.db, ctx.defaults, faults);
  return lost ? lostAnswer(res, lost, req.signal) : res;
}

export async function handle(ctx: HttpContext, req: Request): Promise<Response> {
  try {
    const pathname = new URL(req.url).pathname;
    const rest = pathname.startsWith(ctx.basePath) ? pathname.slice(ctx.basePath.length) || "/" : null;
    if (rest === null || (ctx.basePath && !rest.startsWith("/"))) return json({ message: "NOT_FOUND" }, 404);

    if (rest.startsWith("/files/")) {
      if (req.method !== "GET" && req.method !== "HEAD") return json({ detail: "Method Not Allowed" }, 405);
      return await serveFile(ctx, req, rest.slice("/files/".length));
    }

    const key = req.headers.get("x-api-key")?.trim();
    const holder = ctx.keyHolder(key);
    // The settings knobs change the sandbox for everyone: the host's key alone, and the same bare 401.
    if (!key || !holder || (holder !== "host" && rest.startsWith("/_sandbox/"))) throw fail(401, "UNAUTHORIZED");

    const matching = routes.map((r) => ({ r, m: r.pattern.exec(rest) })).filter((x) => x.m);
    if (matching.length === 0) return json({ message: "NOT_FOUND" }, 404);
    const hit = matching.find((x) => x.r.method === req.method);
    if (!hit)
      return json({ detail: "Method Not Allowed" }, 405, {
        allow: [...new Set(matching.map((x) => x.r.method))].join(", "),
      });

    const params = hit.m!.slice(1).map((p) => decodeURIComponent(p));
    if (rest.startsWith("/_sandbox/")) return await hit.r.handler(ctx, req, customerIdFor(key), params);
    return await withFaults(ctx, req, hit.r, (c) => hit.r.handler(c, req, customerIdFor(key), params));
  } catch (e) {
    if (e instanceof HttpError) return json(e.body, e.status);
    console.error("[sandbox] request failed", e);
    return json({ message: "INTERNAL_SERVER_ERROR" }, 500);
  }
}
