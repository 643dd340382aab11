import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  InsufficientCreditError,
  NotFoundError,
  parseRetryAfter,
  RateLimitedError,
  UnauthorizedError,
  UpstreamUnavailableError,
  ValidationError,
  VimmerseError,
} from "@/lib/vimmerse";
import ref from "./fixtures/reference-responses.json";
import { fakeFetch, json, testClient } from "./helpers";

const fail = (e: unknown) => e;

describe("error mapping", () => {
  it("402 → InsufficientCreditError with the code", async () => {
    const f = fakeFetch(() => json({ message: "INSUFFICIENT_CREDIT" }, 402));
    const { client } = testClient(f.fetch);
    const err = await client.createMedia({ prompt: "x" }).catch(fail);
    expect(err).toBeInstanceOf(InsufficientCreditError);
    expect(err).toBeInstanceOf(VimmerseError);
    expect(err).toMatchObject({ status: 402, code: "INSUFFICIENT_CREDIT", body: { message: "INSUFFICIENT_CREDIT" } });
    expect(f.requests).toHaveLength(1);
  });

  it.each(["NOT_FOUND", "MEDIA_NOT_FOUND"])("404 %s → NotFoundError, not retried", async (code) => {
    const f = fakeFetch(() => json({ message: code }, 404));
    const { client } = testClient(f.fetch);
    const err = await client.getMedia("nope").catch(fail);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ status: 404, code });
    expect(f.requests).toHaveLength(1);
  });

  it("422 → ValidationError with FastAPI fields", async () => {
    const detail = [
      { loc: ["body", "quantity"], msg: "Input should be less than or equal to 4", type: "less_than_equal" },
      { loc: ["body", "quantity"], msg: "second", type: "x" },
      { loc: ["body", "pose_preset", 0, "Params"], msg: "bad params", type: "value_error" },
      { loc: ["body"], msg: "whole body", type: "x" },
    ];
    const f = fakeFetch(() => json({ detail }, 422));
    const { client } = testClient(f.fetch);
    const err = (await client
      .createMediaFromPrompt({ pose_preset: { MotionType: "Auto" } })
      .catch(fail)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(422);
    expect(err.fields).toEqual({
      quantity: ["Input should be less than or equal to 4", "second"],
      "pose_preset.0.Params": ["bad params"],
      _: ["whole body"],
    });
    expect(err.body).toEqual({ detail });
  });

  it("400 → BadRequestError with the code from message", async () => {
    const f = fakeFetch(() => json({ message: "MEDIA_NOT_READY" }, 400));
    const { client } = testClient(f.fetch);
    const err = await client.processMedia("m").catch(fail);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "MEDIA_NOT_READY" });
  });

  it.each([401, 403])("%d → UnauthorizedError, not retried", async (status) => {
    const f = fakeFetch(() => json({ detail: "Invalid API key" }, status));
    const { client } = testClient(f.fetch);
    const err = await client.getMedia("m").catch(fail);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ status, code: "Invalid API key" });
    expect(f.requests).toHaveLength(1);
  });

  it("non-JSON error bodies are kept as text", async () => {
    const f = fakeFetch(
      () => new Response("<html>Bad Gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    const { client } = testClient(f.fetch, { retries: 0 });
    const err = await client.getMedia("m").catch(fail);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err).toMatchObject({ status: 502, code: null, body: "<html>Bad Gateway</html>", reason: "http" });
  });

  it("a 2xx body that is not JSON → UpstreamUnavailableError(invalid_response)", async () => {
    const f = fakeFetch(() => new Response("OK!", { status: 200 }));
    const { client } = testClient(f.fetch, { retries: 0 });
    const err = await client.getProcessingStatus("m").catch(fail);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err).toMatchObject({ reason: "invalid_response", body: "OK!" });
  });

  it("a JSON answer without a media → UpstreamUnavailableError(invalid_response)", async () => {
    const f = fakeFetch(() => json({ data: { nothing: true } }));
    const { client } = testClient(f.fetch);
    await expect(client.getMedia("m")).rejects.toMatchObject({
      name: "UpstreamUnavailableError",
      reason: "invalid_response",
    });
  });
});

describe("retries", () => {
  it("GET: 500 is retried with full-jitter backoff, then UpstreamUnavailableError", async () => {
    const f = fakeFetch(() => json({ message: "INTERNAL" }, 500));
    const { client, sleeps } = testClient(f.fetch, { retries: 3, baseDelayMs: 100, maxDelayMs: 300 });
    const err = await client.getMedia("m").catch(fail);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(f.requests).toHaveLength(4);
    // random() = 0.5 of min(300, 100·2^i)
    expect(sleeps).toEqual([50, 100, 150]);
  });

  it("GET: recovers when a retry succeeds", async () => {
    const f = fakeFetch(
      () => json({}, 503),
      () => json(ref.processingStatus),
    );
    const { client } = testClient(f.fetch);
    expect((await client.getProcessingStatus("m")).processingStatus).toBe("success");
    expect(f.requests).toHaveLength(2);
  });

  it("GET: 429 honours Retry-After in seconds", async () => {
    const f = fakeFetch(
      () => json({ message: "RATE_LIMITED" }, 429, { "retry-after": "2" }),
      () => json(ref.getMedia),
    );
    const { client, sleeps } = testClient(f.fetch);
    expect((await client.getMedia("m")).id).toBe("media_id");
    expect(sleeps).toEqual([2000]);
  });

  it("GET: a Retry-After past the cap is not waited out: RateLimitedError with retryAfterMs", async () => {
    const f = fakeFetch(() => json({ message: "RATE_LIMITED" }, 429, { "retry-after": "120" }));
    const { client, sleeps } = testClient(f.fetch, { maxRetryAfterMs: 5_000 });
    const err = await client.getMedia("m").catch(fail);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(f.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("POST: 429 is not retried", async () => {
    const f = fakeFetch(() => json({ message: "RATE_LIMITED" }, 429, { "retry-after": "1" }));
    const { client } = testClient(f.fetch);
    const err = await client.createMedia({ prompt: "x" }).catch(fail);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
    expect(f.requests).toHaveLength(1);
  });

  it("POST/PUT: 5xx is not retried (it may have spent credits)", async () => {
    const f = fakeFetch(() => json({}, 500));
    const { client } = testClient(f.fetch);
    await expect(client.processMedia("m")).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(client.editMedia("m", { prompt: "again" })).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(f.requests).toHaveLength(2);
  });

  it("POST: a refused connection (nothing sent) is retried; a reset one is not", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    const a = fakeFetch(
      () => Promise.reject(refused),
      () => json(ref.createMedia),
    );
    expect((await testClient(a.fetch).client.createMedia({ prompt: "x" })).id).toBe("media_id");
    expect(a.requests).toHaveLength(2);

    const b = fakeFetch(() => Promise.reject(reset));
    const err = await testClient(b.fetch).client.createMedia({ prompt: "x" }).catch(fail);
    expect(err).toMatchObject({ name: "UpstreamUnavailableError", reason: "network", status: null });
    expect(b.requests).toHaveLength(1);
  });

  it("POST: a real refused connection is recognised as never sent", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    let calls = 0;
    const { client } = testClient(
      (input, init) => {
        calls++;
        return fetch(input, init);
      },
      { baseUrl: `http://127.0.0.1:${port}`, retries: 2 },
    );
    const err = await client.createMedia({ prompt: "x" }).catch(fail);
    expect(err).toMatchObject({ name: "UpstreamUnavailableError", reason: "network" });
    expect(calls).toBe(3);
  });

  it("timeout: GET retried, POST not, both end in UpstreamUnavailableError(timeout)", async () => {
    const hang = (req: Request) =>
      new Promise<Response>((_, reject) =>
        req.signal.addEventListener("abort", () => reject(req.signal.reason), { once: true }),
      );
    const g = fakeFetch(hang);
    const err = await testClient(g.fetch, { timeoutMs: 20, retries: 2 }).client.getMedia("m").catch(fail);
    expect(err).toMatchObject({ name: "UpstreamUnavailableError", reason: "timeout", status: null });
    expect(g.requests).toHaveLength(3);

    const p = fakeFetch(hang);
    const err2 = await testClient(p.fetch, { timeoutMs: 20 })
      .client.createMediaFromPrompt({ pose_preset: { MotionType: "Auto" } })
      .catch(fail);
    expect(err2).toMatchObject({ name: "UpstreamUnavailableError", reason: "timeout" });
    expect(p.requests).toHaveLength(1);
  });

  it("a caller's abort is passed through, never retried", async () => {
    const controller = new AbortController();
    const f = fakeFetch((req) => {
      const pending = new Promise<Response>((_, reject) =>
        req.signal.addEventListener("abort", () => reject(req.signal.reason), { once: true }),
      );
      setTimeout(() => controller.abort(new Error("client went away")), 5);
      return pending;
    });
    const err = await testClient(f.fetch).client.getMedia("m", { signal: controller.signal }).catch(fail);
    expect((err as Error).message).toBe("client went away");
    expect(f.requests).toHaveLength(1);
  });

  it("Retry-After as an HTTP date", () => {
    const now = Date.parse("2025-04-01T00:00:00Z");
    expect(parseRetryAfter("Tue, 01 Apr 2025 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 31 Mar 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("download streams", () => {
  function countingStream(chunks: string[]) {
    let pulls = 0;
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(enc.encode(next));
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, pulls: () => pulls };
  }

  it("hands back the unread body with its headers", async () => {
    const src = countingStream(["ab", "cd"]);
    const f = fakeFetch(
      () =>
        new Response(src.stream, {
          headers: {
            "content-type": "video/mp4",
            "content-length": "4",
            "content-disposition": 'attachment; filename="Auto1.mp4"',
          },
        }),
    );
    const { client } = testClient(f.fetch, { timeoutMs: 20 });
    const dl = await client.download("m", { objectType: "bullet_video_mp4", motionType: "Auto1" });
    expect(dl.body).toBeInstanceOf(ReadableStream);
    expect(dl.body.locked).toBe(false);
    expect(src.pulls()).toBe(0);
    expect(dl).toMatchObject({ contentType: "video/mp4", contentLength: 4, fileName: "Auto1.mp4" });
    // The per-attempt timeout covers the headers only: a slow reader is not cut off.
    await new Promise((r) => setTimeout(r, 50));
    expect(await new Response(dl.body).text()).toBe("abcd");
  });

  it("RFC 5987 file names; no length when upstream does not say", async () => {
    const f = fakeFetch(
      () =>
        new Response("x", {
          headers: { "content-type": "image/gif", "content-disposition": "attachment; filename*=UTF-8''my%20clip.gif" },
        }),
    );
    const dl = await testClient(f.fetch).client.download("m", { objectType: "bullet_video_gif", motionType: "Auto" });
    expect(dl.fileName).toBe("my clip.gif");
    expect(dl.contentLength).toBeUndefined();
    await dl.body.cancel();
  });

  it("400 before the video is ready → BadRequestError; 5xx on the initial request is retried", async () => {
    const a = fakeFetch(() => json({ message: "MEDIA_NOT_READY" }, 400));
    await expect(
      testClient(a.fetch).client.download("m", { objectType: "bullet_video_mp4", motionType: "Auto" }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(a.requests).toHaveLength(1);

    const b = fakeFetch(
      () => json({}, 502),
      () => new Response("ok", { headers: { "content-type": "video/mp4" } }),
    );
    const dl = await testClient(b.fetch).client.download("m", { objectType: "source", motionType: "Auto" });
    expect(await new Response(dl.body).text()).toBe("ok");
    expect(b.requests).toHaveLength(2);
  });
});

describe("error classes", () => {
  it("keep their names and the base class", () => {
    const errors = [
      new InsufficientCreditError("x"),
      new NotFoundError("x"),
      new UnauthorizedError("x"),
      new BadRequestError("x"),
      new ValidationError("x", {}),
      new RateLimitedError("x", null),
      new UpstreamUnavailableError("x", "network"),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      "InsufficientCreditError",
      "NotFoundError",
      "UnauthorizedError",
      "BadRequestError",
      "ValidationError",
      "RateLimitedError",
      "UpstreamUnavailableError",
    ]);
    expect(errors.every((e) => e instanceof VimmerseError && e instanceof Error)).toBe(true);
  });
});
