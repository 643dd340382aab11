import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";
import { upstreamFor } from "@/lib/upstream";
import type { MediaDeps } from "./deps";

/** The media feature's dependencies in the running app. */
export function mediaDeps(): MediaDeps {
  const e = env();
  // Without AUTH_SECRET there are no sessions at all, so this is never reached empty in practice.
  return {
    db: getDb(),
    client: upstreamFor,
    storage: getStorage(),
    appUrl: e.APP_URL,
    fileSecret: e.AUTH_SECRET ?? "",
  };
}
