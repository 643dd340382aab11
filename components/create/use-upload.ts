"use client";

import type { SlotValue, UploadPath } from "@/lib/media/create-form-model";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";
import { urls } from "@/lib/urls";

// One upload function for both paths; the server decides which (UPLOADTHING_TOKEN or not).
// The server checks every file's bytes either way: a size check here only saves a pointless upload.

export type UploadResult = { ok: true; value: SlotValue } | { ok: false; error: string };

export async function uploadImage(path: UploadPath, team: string, file: File): Promise<UploadResult> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, error: `"${file.name}" is larger than ${MAX_UPLOAD_LABEL}.` };
  return path === "uploadthing" ? viaUploadthing(team, file) : viaApp(team, file);
}

async function viaApp(team: string, file: File): Promise<UploadResult> {
  const body = new FormData();
  body.set("file", file);
  let res: Response;
  try {
    res = await fetch(urls.uploads(team), { method: "POST", body });
  } catch {
    return { ok: false, error: "The upload did not reach the server. Check your connection and try again." };
  }
  const json = (await res.json().catch(() => null)) as {
    upload?: { id: string; name: string; previewUrl: string; bytes: number };
    error?: string;
  } | null;
  if (!res.ok || !json?.upload) return { ok: false, error: json?.error ?? `The upload failed (HTTP ${res.status}).` };
  const u = json.upload;
  return { ok: true, value: { kind: "upload", id: u.id, name: u.name, previewUrl: u.previewUrl, bytes: u.bytes } };
}

async function viaUploadthing(team: string, file: File): Promise<UploadResult> {
  try {
    const { uploadFiles } = await import("./uploadthing-client");
    const [done] = await uploadFiles("createImage", { files: [file], input: { team } });
    const data = done?.serverData;
    if (!data || "error" in data) return { ok: false, error: data?.error ?? "The upload failed." };
    return {
      ok: true,
      value: { kind: "upload", id: data.uploadId, name: data.name, previewUrl: data.previewUrl, bytes: data.bytes },
    };
  } catch (err) {
    return { ok: false, error: err instanceof Error && err.message ? err.message : "The upload failed." };
  }
}
