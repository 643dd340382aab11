import { after } from "next/server";
import { mediaDeps } from "@/lib/media/app-deps";
import { sendWaitingOf } from "@/lib/media/waiting";
import { handleVimmerseWebhook } from "@/lib/media/webhook";

// POST /api/webhooks/vimmerse/<secret>: upstream's notice that a media changed (lib/media/webhook.ts).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Copying finished videos runs after the answer, within the function's lifetime on Vercel.
export const maxDuration = 60;

type Ctx = { params: Promise<{ secret: string }> };

const logFailure = (err: unknown) =>
  console.error("[webhook] background copy failed:", err instanceof Error ? err.message : err);

export async function POST(request: Request, { params }: Ctx) {
  const { secret } = await params;
  try {
    const defer = (task: () => Promise<unknown>) => after(() => task().catch(logFailure));
    const deps = mediaDeps();
    return await handleVimmerseWebhook({ ...deps, defer, onSlotFreed: sendWaitingOf(deps) }, secret, request);
  } catch (err) {
    // A database or storage fault: say "try later" (upstream retries) rather than crash.
    console.error("[webhook] failed:", err instanceof Error ? err.message : err);
    return Response.json({ error: "temporarily unavailable" }, { status: 503 });
  }
}
