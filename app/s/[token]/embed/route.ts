import { publicShareDeps } from "@/lib/share/app-deps";
import { sharePage } from "@/lib/share/public";

// /s/<token>/embed: the video alone, for the Twitter player card and other sites' frames.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: Ctx) {
  return sharePage(publicShareDeps(), request, (await params).token, true);
}
