import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";
import type { PublicDeps } from "./public";

/** The public share routes' dependencies in the running app. */
export function publicShareDeps(): PublicDeps {
  const e = env();
  return { db: getDb(), storage: getStorage(), secret: e.AUTH_SECRET ?? "", appUrl: e.APP_URL };
}
