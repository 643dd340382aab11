import "server-only";
import { once } from "node:events";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { ZipArchive } from "archiver";
import type { Storage } from "@/lib/storage/types";
import { README_NAME, readmeOf, type ZipPlan } from "./plan";

// A ZIP built while it is read, never held whole: the files go in one at a time, each opened
// from the storage only when the archive reaches it, so one file is open at once and the memory
// in use is a few stream buffers whatever the sizes. Entries are STORED: MP4s are already
// compressed, so deflate would spend CPU to save nothing.

/**
 * The archive as a web stream for a Response. Pull-based: a chunk is taken from the archive only
 * when the reader asks, so a slow client slows the archive and the file reads behind it (what
 * is read ahead is the archive's own buffers, about 1 MB each way). Written out rather than
 * Readable.toWeb so that cancelling has one place that also closes the file being read: a
 * reader that cancels (the client hung up) or an aborted `signal` stops the archive and closes
 * the open file, and no file after it is opened.
 */
export function zipStream(storage: Storage, plan: ZipPlan, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const archive = new ZipArchive({ store: true });
  const stopping = new AbortController();
  let current: Readable | null = null;

  const stop = (err?: Error) => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    current?.destroy();
    archive.abort();
    archive.destroy(err);
  };
  // The reader hears of a failure through the chunks it pulls; this keeps one that comes while
  // nobody is pulling from crashing the process as an unhandled 'error'.
  archive.on("error", () => {});
  signal?.addEventListener("abort", () => stop(), { once: true });
  if (signal?.aborted) stop();

  const feed = async () => {
    const gone: string[] = [];
    for (const entry of plan.entries) {
      if (stopping.signal.aborted) return;
      const file = await storage.get(entry.storageKey);
      if (!file) {
        // The row says finished but the store lost the file: say so rather than fail the ZIP.
        gone.push(`not included: ${entry.name} (its stored file is missing)`);
        continue;
      }
      if (stopping.signal.aborted) return void file.body.cancel().catch(() => {});
      current = Readable.fromWeb(file.body as NodeWebStream<Uint8Array>);
      // A read that fails midway (a storage hiccup) ends the download as failed, never as a
      // ZIP that looks complete but is not.
      current.on("error", (err) => stop(err));
      archive.append(current, { name: entry.name });
      await once(archive, "entry", { signal: stopping.signal });
      current = null;
    }
    const readme = readmeOf({ ...plan, left: [...plan.left, ...gone] });
    if (readme) archive.append(readme, { name: README_NAME });
    await archive.finalize();
  };
  feed().catch((err) => stop(stopping.signal.aborted ? undefined : err));

  const chunks = archive[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>({
    async pull(ctl) {
      try {
        const { value, done } = await chunks.next();
        if (done) ctl.close();
        else ctl.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (err) {
        stop();
        ctl.error(err);
      }
    },
    async cancel() {
      stop();
      await chunks.return?.();
    },
  });
}
