import type { DbOrTx } from "@/db/client";
import type { Storage } from "@/lib/storage/types";
import type { VimmerseClient } from "@/lib/vimmerse";

// What the media feature works with, handed in by the caller so tests drive it without Next's
// request world. lib/media/app-deps.ts builds the real ones from the configuration.

/**
 * Which Vimmerse client serves a team's media: the team's own key's, or the operator's
 * (lib/upstream.ts `upstreamFor`). A plain client serves every team alike (tests, scripts).
 */
export type Upstream = VimmerseClient | ((teamId: string) => Promise<VimmerseClient>);

export const clientFor = (u: Upstream, teamId: string): Promise<VimmerseClient> =>
  typeof u === "function" ? u(teamId) : Promise.resolve(u);

export type MediaDeps = {
  db: DbOrTx;
  client: Upstream;
  storage: Storage;
  /** The app's public address: webhooks and signed file links point there. */
  appUrl: string;
  /** Signs links to stored files that upstream fetches itself (AUTH_SECRET). */
  fileSecret: string;
};

/** The member acting, as authorized from the database for this request. */
export type Who = { teamId: string; userId: string };
