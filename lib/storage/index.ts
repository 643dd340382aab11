import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import type { Storage } from "./types";
import { uploadthingStorage } from "./uploadthing";

export type { Storage, StoredFile } from "./types";

const g = globalThis as unknown as { __studioStorage?: Storage };

/** Local disk under DATA_DIR/storage, or uploadthing when UPLOADTHING_TOKEN is set. */
export function getStorage(): Storage {
  if (!g.__studioStorage) {
    const e = env();
    g.__studioStorage = e.UPLOADTHING_TOKEN
      ? uploadthingStorage(e.UPLOADTHING_TOKEN)
      : localStorage(path.resolve(e.DATA_DIR, "storage"));
  }
  return g.__studioStorage;
}
