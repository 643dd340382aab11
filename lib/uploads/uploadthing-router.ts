import "server-only";
import { createUploadthing, type FileRouter } from "uploadthing/next";
import { UploadThingError } from "uploadthing/server";
import { z } from "zod";
import type { Upload } from "@/db/queries/uploads";
import { AccessDenied, authorizeTeam } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { RULES, throttle } from "@/lib/security/throttle";
import { getStorage } from "@/lib/storage";
import { vetImage } from "./decode";
import { ACCEPTED_LABEL, IMAGE_TYPES, MAX_FILES_PER_REQUEST, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "./limits";
import { readRemoteFile } from "./remote-check";
import { cleanName, recordWithThumbnail, storeVetted } from "./store";
import { uploadView } from "./view";

// Direct browser → uploadthing uploads (used when UPLOADTHING_TOKEN is set). The middleware is
// the gate: a signed-in member of the team, within the upload throttle, accepted types, size and
// count. Completion may be reported more than once, so recording is idempotent (unique storage +
// key). On completion the file is read back and vetted like an upload through the app (type,
// pixel count, structure, a full decode): a file that fails is deleted; one carrying metadata is
// replaced by a clean copy. Either way its thumbnail is stored in the app's storage.

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
      // Every file counts against the member's uploads, as each would through the app.
      for (let i = 0; i < files.length; i++) {
        const verdict = await throttle(getDb(), RULES.uploadUser, ctx.user.id);
        if (!verdict.ok) throw new UploadThingError({ code: "FORBIDDEN", message: verdict.message });
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
      const storage = getStorage();
      // The bytes fail a check, whatever the name said: remove the file, record nothing.
      const refuse = async (error: string) => {
        await storage.delete(file.key).catch(() => {});
        return { error };
      };
      const read = await readRemoteFile(file.ufsUrl).catch(() => null);
      if (!read?.ok)
        return refuse(
          read?.reason === "too-large"
            ? `"${file.name}" is larger than ${MAX_UPLOAD_LABEL}.`
            : `"${file.name}" could not be checked. Please upload it again.`,
        );
      const image = await vetImage(file.name, read.bytes);
      if (!image.ok) return refuse(image.error);
      const owner = { teamId: metadata.teamId, userId: metadata.userId, name: file.name };
      let upload: Upload;
      if (image.stripped) {
        // It carried metadata (EXIF GPS and the like): store the cleaned copy in its place.
        try {
          upload = await storeVetted(getDb(), storage, owner, image);
        } catch {
          return refuse(`"${file.name}" could not be stored. Please upload it again.`);
        }
        await storage.delete(file.key).catch(() => {});
      } else {
        const row = {
          teamId: metadata.teamId,
          uploadedBy: metadata.userId,
          storage: "uploadthing" as const,
          storageKey: file.key,
          url: file.ufsUrl,
          name: cleanName(file.name, image.ext),
          contentType: image.contentType,
          bytes: file.size,
        };
        upload = await recordWithThumbnail(getDb(), storage, row, image.thumbnail);
      }
      const view = uploadView(metadata.teamSlug, upload);
      return {
        uploadId: view.id,
        name: view.name,
        contentType: view.contentType,
        bytes: view.bytes,
        previewUrl: view.previewUrl,
      };
    }),
} satisfies FileRouter;

export type UploadRouter = typeof uploadRouter;
