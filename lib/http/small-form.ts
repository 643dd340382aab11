import { readCapped } from "./guarded-fetch";

// A form that only ever carries a few short fields (a list of ids, say): read with a cap, so a
// client cannot make the server hold a body of any size before the fields are even checked.

export async function readSmallForm(request: Request, maxBytes: number): Promise<FormData | "too_big" | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return "too_big";
  if (!request.body) return null;
  // Leaving the loop early cancels the stream (its async iterator's return()): nothing more is read.
  const bytes = await readCapped(request.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
  if (!bytes) return "too_big";
  const type = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  return new Response(bytes, { headers: { "content-type": type } }).formData().catch(() => null);
}
