import { usesSandbox } from "@/lib/env";
import { getSandbox } from "@/lib/sandbox-host";

// The offline sandbox's API (a stand-in for the Vimmerse cloud) under /api/sandbox/*. It only
// exists while no real API key is configured, and answers only this app: the key derived from
// AUTH_SECRET (lib/sandbox-key.ts), inputs and webhooks on APP_URL's origin (lib/sandbox-host.ts).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  if (!usesSandbox()) return Response.json({ message: "NOT_FOUND" }, { status: 404 });
  return getSandbox().handle(request);
}

export { handler as GET, handler as POST, handler as PUT };
