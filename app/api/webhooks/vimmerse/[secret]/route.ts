import { after } from "next/server";
import { getDb } from "@/db/client";
import { getStorage } from "@/lib/storage";
import { getVimmerse } from "@/lib/upstream";
import { handleVimmerseWebhook } from "./handler";

// POST /api/webhooks/vimmerse/<secret>: see handler.ts.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Copying finished videos runs after the answer, within the function's lifetime on Vercel.
export const maxDuration = 60;

type Ctx = { params: Promise<{ secret: string }> };

export async function POST(request: Request, { params }: Ctx) {
  const { secret } = await params;
  try {
    return await handleVimmerseWebhook(
      {
        db: getDb(),
        client: getVimmerse(),
        storage: getStorage(),
        defer: (task) =>
          after(() =>
            task().catch((err: unknown) => console.error("[webhook] background copy failed:", err instanceof Error ? err.message : err)),
          ),
      },
      secret,
      request,
    );
  } catch (err) {
    // A database or storage fault: say "try later" (upstream retries) rather than crash.
    console.error("[webhook] failed:", err instanceof Error ? err.message : err);
    return Response.json({ error: "temporarily unavailable" }, { status: 503 });
  }
}
