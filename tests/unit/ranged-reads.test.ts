import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { serveStored } from "@/lib/http/serve-file";
import { localStorage } from "@/lib/storage/local";
import type { Storage } from "@/lib/storage/types";
import { uploadthingStorage } from "@/lib/storage/uploadthing";

// A <video> seeking near the end of a long file asks for a small range: the store reads just
// those bytes instead of streaming everything before them.

const SIZE = 3 * 1024 * 1024;
const content = Uint8Array.from({ length: SIZE }, (_, i) => (i * 7) % 251);

async function filled(): Promise<Storage> {
  const s = localStorage(mkdtempSync(path.join(tmpdir(), "ranged-")));
  await s.put("videos/a.mp4", content, "video/mp4");
  return s;
}

/** The store, counting every byte its streams hand out. */
function counting(inner: Storage) {
  const seen = { bytes: 0 };
  const store: Storage = {
    ...inner,
    async get(key, range) {
      const file = await inner.get(key, range);
      if (!file) return null;
      const body = file.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, ctl) {
            seen.bytes += chunk.byteLength;
            ctl.enqueue(chunk);
          },
        }),
      );
      return { ...file, body };
    },
  };
  return { store, seen };
}

const bytesOf = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());
const req = (range?: string, method = "GET") =>
  new Request("http://studio.test/x", { method, headers: range ? { range } : {} });

describe("local storage", () => {
  it("reads only the asked range, and says so", async () => {
    const s = await filled();
    const got = await s.get("videos/a.mp4", { start: SIZE - 10, end: SIZE - 1 });
    expect(got).toMatchObject({ bytes: SIZE, range: { start: SIZE - 10, end: SIZE - 1 } });
    expect(await bytesOf(got!.body)).toEqual(content.slice(SIZE - 10));
  });

  it("a range outside the file gets the whole file, marked as whole", async () => {
    const s = await filled();
    const got = await s.get("videos/a.mp4", { start: 0, end: SIZE + 5 });
    expect(got?.range).toBeUndefined();
    expect((await bytesOf(got!.body)).byteLength).toBe(SIZE);
  });
});

describe("serveStored", () => {
  it("answers a tail range with 206 from a read of the tail alone", async () => {
    const { store, seen } = counting(await filled());
    const res = await serveStored(req("bytes=-100"), store, "videos/a.mp4", { contentType: "video/mp4", bytes: SIZE });
    expect(res!.status).toBe(206);
    expect(res!.headers.get("content-range")).toBe(`bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`);
    expect(await bytesOf(res!.body!)).toEqual(content.slice(SIZE - 100));
    expect(seen.bytes).toBe(100);
  });

  it("still serves whole files, unsatisfiable ranges and unknown sizes as before", async () => {
    const { store, seen } = counting(await filled());
    const whole = await serveStored(req(), store, "videos/a.mp4", { bytes: SIZE });
    expect(whole!.status).toBe(200);
    expect(whole!.headers.get("content-type")).toBe("video/mp4");
    expect((await bytesOf(whole!.body!)).byteLength).toBe(SIZE);
    expect((await serveStored(req(`bytes=${SIZE}-`), store, "videos/a.mp4", { bytes: SIZE }))!.status).toBe(416);
    // Size unknown to the caller: the store's own size is used and the stream is cut as it goes.
    seen.bytes = 0;
    const mid = await serveStored(req("bytes=10-19"), store, "videos/a.mp4", {});
    expect(mid!.status).toBe(206);
    expect(await bytesOf(mid!.body!)).toEqual(content.slice(10, 20));
    expect(await serveStored(req(), store, "videos/missing.mp4", { bytes: 5 })).toBeNull();
  });

  it("HEAD with a range answers the headers only, and an unsatisfiable range reads nothing", async () => {
    const { store, seen } = counting(await filled());
    const head = await serveStored(req("bytes=0-99", "HEAD"), store, "videos/a.mp4", { bytes: SIZE });
    expect(head!.status).toBe(206);
    expect(head!.headers.get("content-length")).toBe("100");
    expect(head!.body).toBeNull();
    const beyond = await serveStored(req(`bytes=${SIZE}-`), store, "videos/a.mp4", { bytes: SIZE });
    expect(beyond!.status).toBe(416);
    expect(beyond!.headers.get("content-range")).toBe(`bytes */${SIZE}`);
    expect(seen.bytes).toBe(0);
  });
});

describe("uploadthing storage ranges", () => {
  const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "abc123", regions: ["sea1"] })).toString(
    "base64",
  );
  const store = (answer: (range: string | null) => Response) => {
    const fetcher = vi.fn(async (_url: string | URL | Request, init?: RequestInit) =>
      answer(new Headers(init?.headers).get("range")),
    );
    return {
      fetcher,
      s: uploadthingStorage(token, {
        api: { uploadFiles: vi.fn(), deleteFiles: vi.fn() } as never,
        fetch: fetcher as never,
      }),
    };
  };

  it("asks the CDN for the range and keeps its partial answer", async () => {
    const { fetcher, s } = store(
      () =>
        new Response("cdef", {
          status: 206,
          headers: { "content-range": "bytes 2-5/10", "content-type": "video/mp4" },
        }),
    );
    const got = await s.get("utkey", { start: 2, end: 5 });
    expect(new Headers(fetcher.mock.calls[0]![1]?.headers).get("range")).toBe("bytes=2-5");
    expect(got).toMatchObject({ bytes: 10, range: { start: 2, end: 5 }, contentType: "video/mp4" });
    expect(await new Response(got!.body).text()).toBe("cdef");
  });

  it("a CDN that ignores the range gives the whole file, which serving then cuts", async () => {
    const { s } = store(
      () => new Response("abcdefghij", { headers: { "content-length": "10", "content-type": "video/mp4" } }),
    );
    const got = await s.get("utkey", { start: 2, end: 5 });
    expect(got?.range).toBeUndefined();
    const res = await serveStored(req("bytes=2-5"), s, "utkey", { bytes: 10 });
    expect(res!.status).toBe(206);
    expect(await res!.text()).toBe("cdef");
  });

  it("a partial answer for another range, or a 416, falls back to reading the whole file", async () => {
    for (const odd of [
      new Response("ab", { status: 206, headers: { "content-range": "bytes 0-1/10" } }),
      new Response(null, { status: 416, headers: { "content-range": "bytes */10" } }),
    ]) {
      const { fetcher, s } = store((range) =>
        range ? odd : new Response("abcdefghij", { headers: { "content-length": "10" } }),
      );
      const res = await serveStored(req("bytes=2-5"), s, "utkey", { bytes: 10 });
      expect(fetcher).toHaveBeenCalledTimes(2);
      expect(res!.status).toBe(206);
      expect(await res!.text()).toBe("cdef");
    }
  });
});
