"use client";

import { generateReactHelpers } from "@uploadthing/react";
import type { UploadRouter } from "@/lib/uploads/uploadthing-router";

// UploadThing's client, in a module of its own: use-upload.ts imports it only when the server
// says uploads go to UploadThing, so a deployment without it never downloads it.
export const { uploadFiles } = generateReactHelpers<UploadRouter>({ url: "/api/uploadthing" });
