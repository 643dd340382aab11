import "server-only";
import { createUploadthing, type FileRouter } from "uploadthing/next";
import { UploadThingError, UTApi } from "uploadthing/server";
import { z } from "zod";
import { recordUpload } from "@/db/queries/uploads";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { ACCEPTED_LABEL, IMAGE_TYPES, MAX_FILES_PER_REQUEST, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "./limits";
import { sniffRemoteImage } from "./remote-check";
import { cleanName } from "./store";

// Direct browser → uploadthing uploads (used when UPLOADTHING_TOKEN is set). The middleware is
// the gate: a signed-in member of the team, accepted types, size and count. Completion may be
// reported more than once, so recording is idempotent (unique storage + key).

const f = createUploadthing();

// Uploadthing only knows power-of-two sizes; the exact limit is enforced in the middleware.
const perType = { maxFileSize: "16MB", maxFileCount: MAX_FILES_PER_REQUEST } as const;

export const uploadRouter = {
  createImage: f({ "image/png": perType, "image/jpeg": perType, "image/webp": perType })
    .input(z.object({ team: z.string().min(1).max(100) }))
    .middleware(async ({ input, files }) => {
      let ctx;
      try {
        ctx = await authorizeTeam(input.team);
      } catch (err) {
        if (err instanceof AccessDenied)
          throw new UploadThingError({ code: "FORBIDDEN", message: "You are not a member of that team." });
        throw err;
      }
      if (files.length > MAX_FILES_PER_REQUEST) {
        throw new UploadThingError({
          code: "BAD_REQUEST",
          message: `Up to ${MAX_FILES_PER_REQUEST} images at a time.`,
        });
      }
      for (const file of files) {
        if (!(file.type in IMAGE_TYPES))
          throw new UploadThingError({
            code: "BAD_REQUEST",
            message: `"${file.name}" is not a ${ACCEPTED_LABEL} image.`,
          });
        if (file.size > MAX_UPLOAD_BYTES)
          throw new UploadThingError({
            code: "TOO_LARGE",
            message: `"${file.name}" is larger than ${MAX_UPLOAD_LABEL}.`,
          });
      }
      return { teamId: ctx.team.id, teamSlug: ctx.team.slug, userId: ctx.user.id };
    })
    .onUploadComplete(async ({ metadata, file }) => {
      const type = await sniffRemoteImage(file.ufsUrl).catch(() => null);
      if (!type) {
        // The bytes are not an image we accept, whatever the name said: remove it, record nothing.
        await new UTApi({ token: env().UPLOADTHING_TOKEN }).deleteFiles(file.key).catch(() => {});
        return { error: `"${file.name}" is not a ${ACCEPTED_LABEL} image.` };
      }
      const upload = await recordUpload(getDb(), {
        teamId: metadata.teamId,
        uploadedBy: metadata.userId,
        storage: "uploadthing",
        storageKey: file.key,
        url: file.ufsUrl,
        name: cleanName(file.name, IMAGE_TYPES[type]),
        contentType: type,
        bytes: file.size,
      });
      return {
        uploadId: upload.id,
        name: upload.name,
        contentType: upload.contentType,
        bytes: upload.bytes,
        previewUrl: file.ufsUrl,
      };
    }),
} satisfies FileRouter;

export type UploadRouter = typeof uploadRouter;
