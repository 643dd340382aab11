import type { DbOrTx } from "../../db/client";
import { recordUpload } from "../../db/queries/uploads";
import type { Storage } from "../../lib/storage/types";
import { png } from "./png";

// What a person does on the Create page for a Parallax video: upload a photo (stored for the
// team, as the uploads route does), then send the form. Shared by the harness and the benchmarks.

export async function parallaxForm(
  db: DbOrTx,
  storage: Storage,
  who: { teamId: string; userId: string },
  fields: Record<string, string> = {},
): Promise<FormData> {
  const bytes = png();
  const key = `uploads/${who.teamId}/${crypto.randomUUID()}.png`;
  await storage.put(key, bytes, "image/png");
  const up = await recordUpload(db, {
    teamId: who.teamId,
    uploadedBy: who.userId,
    storage: "local",
    storageKey: key,
    url: null,
    name: "photo.png",
    contentType: "image/png",
    bytes: bytes.byteLength,
  });
  const form = new FormData();
  const values = {
    idempotencyKey: crypto.randomUUID(),
    motionType: "Parallax",
    cameraPath: "HorizontalArc",
    firstImage: up.id,
    title: "Sunset",
    duration: "1",
    ...fields,
  };
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return form;
}
