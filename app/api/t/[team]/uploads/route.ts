import { NextResponse } from "next/server";
import { teamRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { RULES, throttle, tooManyRequests } from "@/lib/security/throttle";
import { getStorage } from "@/lib/storage";
import { readFormWithin } from "@/lib/uploads/body-limit";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, MULTIPART_ALLOWANCE_BYTES } from "@/lib/uploads/limits";
import { storeUpload } from "@/lib/uploads/store";
import { uploadView } from "@/lib/uploads/view";

// Uploads through the app when no uploadthing token is set: one image per request, checked by
// its bytes, stored for the team. Answers JSON {upload} or {error}; never a 500 for bad input.
// The body is counted as it streams and no more than the limit is read, Content-Length or not.
// Each member may upload so many images in a while: past that, refused before the body is read.

const fail = (status: number, error: string) => NextResponse.json({ error }, { status });

export const POST = teamRoute("member", async (request, ctx) => {
  const verdict = await throttle(getDb(), RULES.uploadUser, ctx.user.id);
  if (!verdict.ok) {
    await request.body?.cancel().catch(() => {});
    return tooManyRequests(verdict);
  }
  const body = await readFormWithin(request, MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE_BYTES);
  if (!body.ok && body.reason === "too-large") return fail(413, `Images can be at most ${MAX_UPLOAD_LABEL}.`);
  if (!body.ok) return fail(400, 'Send the image as multipart form data in a field named "file".');
  const files = body.form.getAll("file").filter((f): f is File => f instanceof File);
  if (files.length !== 1) return fail(400, "Send exactly one image per request.");
  const file = files[0]!;
  if (file.size > MAX_UPLOAD_BYTES) return fail(413, `"${file.name}" is larger than ${MAX_UPLOAD_LABEL}.`);

  const result = await storeUpload(getDb(), getStorage(), {
    teamId: ctx.team.id,
    userId: ctx.user.id,
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok) return fail(422, result.error);
  return NextResponse.json({ upload: uploadView(ctx.team.slug, result.upload) }, { status: 201 });
});
