import "server-only";
import type { DbOrTx } from "@/db/client";
import type { MediaStatus } from "@/db/media-schema";
import { noteCandidateJob, recordSubmitOutcome } from "@/db/queries/media";
import { followRender } from "@/lib/billing/ledger";
import type { VimmerseClient } from "@/lib/vimmerse";
import { clientFor, type Upstream } from "./deps";
import { isTerminal } from "./status";
import { callsBackTo } from "./unresolved";
import { upstreamState } from "./upstream-state";

// A create whose answer was lost made a job upstream that the app never heard of. A notice on
// the media's own secret URL names it; it is taken as this media's only once upstream's GET of
// it shows a webhook_url carrying that same secret. When upstream cannot be asked right now, the
// job is remembered as a candidate and the reconciler asks again: one notice is enough.

export type Adoption =
  | { outcome: "adopted"; status: MediaStatus }
  | { outcome: "not_ours" | "already_resolved" }
  | { outcome: "unreachable"; error: string };

export async function adoptLostCreate(
  deps: { db: DbOrTx; client: Upstream },
  m: { id: string; teamId: string; webhookSecretHash: string },
  upstreamId: string,
): Promise<Adoption> {
  let up: Awaited<ReturnType<VimmerseClient["getMedia"]>>;
  try {
    up = await (await clientFor(deps.client, m.teamId)).getMedia(upstreamId);
  } catch (err) {
    await noteCandidateJob(deps.db, m.teamId, m.id, upstreamId);
    return { outcome: "unreachable", error: err instanceof Error ? err.message : String(err) };
  }
  if (!callsBackTo(up, m.webhookSecretHash)) {
    // Not ours: nobody asks upstream about it again.
    await noteCandidateJob(deps.db, m.teamId, m.id, null);
    console.warn(`[adopt] ${upstreamId} does not call back to ${m.id}'s address; not adopted`);
    return { outcome: "not_ours" };
  }
  const state = upstreamState(up);
  const adopted = await recordSubmitOutcome(deps.db, m.teamId, m.id, m.webhookSecretHash, {
    ok: true,
    upstreamId: up.id,
    upstream: state.upstream,
    status: state.status,
    progress: state.progress,
    bulletVersion: state.bulletVersion,
    serviceName: state.serviceName,
    serviceVersion: state.serviceVersion,
    finished: isTerminal(state.status),
  });
  if (!adopted) return { outcome: "already_resolved" };
  // Upstream did make it: the create's reservation (generation 1), kept while unclear, settles.
  await followRender(deps.db, { teamId: m.teamId, mediaId: m.id, generation: 1 }, state.status);
  console.info(`[adopt] ${m.id} adopted its lost create's job ${up.id} (${state.status})`);
  return { outcome: "adopted", status: state.status };
}
