import "server-only";
import type { Storage } from "@/lib/storage/types";
import { README_NAME, readmeOf, type ZipPlan } from "./plan";
import { ZipWriter } from "./writer";

// A ZIP built while it is read, never held whole: the files go in one at a time, each opened
// from the storage only when the archive reaches it, so one file is open at once and the memory
// in use is a chunk or two whatever the sizes. Entries are STORED: MP4s are already compressed,
// so deflate would spend CPU to save nothing. The bytes are those the storage hands out, passed
// on uncopied; the writer only adds headers around them.

/** The archive's parts in order: headers from the writer, each file's chunks as the store gives them. */
async function* parts(
  storage: Storage,
  plan: ZipPlan,
  stopped: AbortSignal,
  opened: (file: ReadableStreamDefaultReader<Uint8Array> | null) => void,
): AsyncGenerator<Uint8Array> {
  const zip = new ZipWriter();
  const gone: string[] = [];
  for (const entry of plan.entries) {
    if (stopped.aborted) return;
    const file = await storage.get(entry.storageKey);
    if (!file) {
      // The row says finished but the store lost the file: say so rather than fail the ZIP.
      gone.push(`not included: ${entry.name} (its stored file is missing)`);
      continue;
    }
    if (stopped.aborted) return void file.body.cancel().catch(() => {});
    const reader = file.body.getReader();
    opened(reader);
    yield zip.begin(entry.name, entry.bytes);
    for (;;) {
      // A read that fails midway (a storage hiccup) throws here and ends the download as
      // failed, never as a ZIP that looks complete but is not.
      const { value, done } = await reader.read();
      // A cancel ends the read as if the file were done: that must not finish the entry.
      if (stopped.aborted) return;
      if (done) break;
      yield zip.data(value);
    }
    opened(null);
    yield zip.end();
  }
  const readme = readmeOf({ ...plan, left: [...plan.left, ...gone] });
  if (readme) {
    const bytes = Buffer.from(readme, "utf8");
    yield zip.begin(README_NAME, bytes.length);
    yield zip.data(bytes);
    yield zip.end();
  }
  yield zip.finish();
}

/**
 * The archive as a web stream for a Response. Pull-based: a part is produced only when the reader
 * asks, so a slow client slows the file reads behind it (read ahead: the stream's one queued
 * chunk and the store's own buffer). A reader that cancels (the client hung up) or an aborted
 * `signal` closes the open file, and no file after it is opened.
 */
export function zipStream(storage: Storage, plan: ZipPlan, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const stopping = new AbortController();
  let file: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const chunks = parts(storage, plan, stopping.signal, (f) => {
    file = f;
  });
  let controller: ReadableStreamDefaultController<Uint8Array>;

  const stop = () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    file?.cancel().catch(() => {});
    file = null;
  };

  return new ReadableStream<Uint8Array>({
    start(ctl) {
      controller = ctl;
      const aborted = () => {
        stop();
        // The reader must not take what it has as the whole ZIP.
        controller.error(signal?.reason ?? new Error("aborted"));
      };
      if (signal?.aborted) aborted();
      else signal?.addEventListener("abort", aborted, { once: true });
    },
    async pull(ctl) {
      try {
        const { value, done } = await chunks.next();
        if (stopping.signal.aborted) return;
        if (done) ctl.close();
        else ctl.enqueue(value);
      } catch (err) {
        stop();
        ctl.error(err);
      }
    },
    cancel() {
      stop();
    },
  });
}
