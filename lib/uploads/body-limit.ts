// A request body read no further than a limit, whatever its headers say: a chunked POST has no
// Content-Length, and one may lie. Bytes are counted as they stream in; past the limit the
// reading stops and the sender's stream is cancelled, so no more than the limit (plus the chunk
// that crossed it) is ever held in memory.

export type LimitedForm = { ok: true; form: FormData } | { ok: false; reason: "too-large" | "malformed" };

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/**
 * The body as it streams, erroring once more than `limit` bytes came; the error cancels the
 * source stream (pipeThrough propagates it backwards), so nothing more is pulled from it.
 */
export function capStream(
  body: ReadableStream<Uint8Array>,
  limit: number,
  onOver: () => void = () => {},
): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          onOver();
          controller.error(new BodyTooLarge(limit));
        } else controller.enqueue(chunk);
      },
    }),
  );
}

/** request.formData(), reading at most `limit` bytes of the body. */
export async function readFormWithin(request: Request, limit: number): Promise<LimitedForm> {
  // A cheap early refusal when the body says up front that it is too big.
  if (Number(request.headers.get("content-length") ?? 0) > limit) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: false, reason: "malformed" };
  let over = false;
  // Only the content type (its boundary) matters to the multipart parser; the length is ours to count.
  const limited = new Request(request.url, {
    method: "POST",
    headers: { "content-type": request.headers.get("content-type") ?? "" },
    body: capStream(request.body, limit, () => {
      over = true;
    }),
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  try {
    return { ok: true, form: await limited.formData() };
  } catch {
    return { ok: false, reason: over ? "too-large" : "malformed" };
  }
}
