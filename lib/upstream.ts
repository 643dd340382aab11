import "server-only";
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { getDb } from "@/lib/db";
import { type Env, env, usesSandbox } from "@/lib/env";
import { sandboxApiKey } from "@/lib/sandbox-key";
import { readTeamKey } from "@/lib/team-keys";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";

// The app's one way to reach Vimmerse. Server-only so the API key can never be bundled for the
// browser. Without a key the in-app sandbox stands in; the key it accepts is derived from
// AUTH_SECRET (lib/sandbox-key.ts), so no one without that secret can use it.

export const DEFAULT_VIMMERSE_URL = "https://api.vimmerse.net";

let cached: { key: string; client: VimmerseClient } | undefined;

export function vimmerseConfig(e: Env = env()): { apiKey: string; baseUrl: string; sandbox: boolean } {
  const sandbox = usesSandbox(e);
  const apiKey = e.VIMMERSE_API_KEY ?? sandboxApiKey(e.AUTH_SECRET);
  const baseUrl =
    e.VIMMERSE_API_URL ?? (sandbox ? `${e.APP_URL.replace(/\/+$/, "")}/api/sandbox` : DEFAULT_VIMMERSE_URL);
  return { apiKey, baseUrl, sandbox };
}

export function getVimmerse(): VimmerseClient {
  const { apiKey, baseUrl } = vimmerseConfig();
  const key = `${baseUrl}\n${apiKey}`;
  if (cached?.key !== key) cached = { key, client: createVimmerseClient({ apiKey, baseUrl }) };
  return cached.client;
}

/**
 * Which client serves a team's media: the team's own key when an owner set one, else the
 * operator's. Never the other: a stored key that cannot be read throws (lib/team-keys) rather
 * than falling back, and a team without a key never gets another team's.
 */
export function teamUpstream(o: {
  db: DbOrTx;
  operator: () => VimmerseClient;
  withKey: (apiKey: string) => VimmerseClient;
}): (teamId: string) => Promise<VimmerseClient> {
  // By a digest of the key; a handful of teams' keys per instance, so a small cap is plenty.
  const clients = new Map<string, VimmerseClient>();
  return async (teamId) => {
    const own = await readTeamKey(o.db, teamId);
    if (own === null) return o.operator();
    const id = createHash("sha256").update(own).digest("hex");
    let client = clients.get(id);
    if (!client) {
      if (clients.size >= 100) clients.clear();
      client = o.withKey(own);
      clients.set(id, client);
    }
    return client;
  };
}

let forTeams: { baseUrl: string; resolve: (teamId: string) => Promise<VimmerseClient> } | undefined;

/** The running app's per-team client (lib/media's `Upstream`). */
export function upstreamFor(teamId: string): Promise<VimmerseClient> {
  const { baseUrl } = vimmerseConfig();
  if (forTeams?.baseUrl !== baseUrl) {
    const resolve = teamUpstream({
      db: getDb(),
      operator: getVimmerse,
      withKey: (apiKey) => createVimmerseClient({ apiKey, baseUrl }),
    });
    forTeams = { baseUrl, resolve };
  }
  return forTeams.resolve(teamId);
}
