import type { NextRequest } from "next/server";
import { createRouteHandler } from "uploadthing/next";
import { env } from "@/lib/env";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { uploadRouter } from "@/lib/uploads/uploadthing-router";

// Uploadthing's endpoint, only live when UPLOADTHING_TOKEN is set (the Create page asks the
// server which upload path to take). Built on first use so a build never needs the settings.

let handler: ReturnType<typeof createRouteHandler> | undefined;

function live() {
  const token = env().UPLOADTHING_TOKEN;
  if (!token) return null;
  handler ??= createRouteHandler({ router: uploadRouter, config: { token, logLevel: "Error" } });
  return handler;
}

const off = () =>
  Response.json({ error: "Uploads go through the app: UPLOADTHING_TOKEN is not set." }, { status: 404 });

export async function GET(request: NextRequest) {
  return live()?.GET(request) ?? off();
}

// The browser asks here for upload slots with its session; UploadThing's signed callback sends no
// Origin, so the cross-site check refuses only the former kind from another site.
export async function POST(request: NextRequest) {
  return refuseCrossOrigin(request) ?? live()?.POST(request) ?? off();
}
