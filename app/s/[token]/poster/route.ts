import { publicShareDeps } from "@/lib/share/app-deps";
import { shareFile } from "@/lib/share/public";

// /s/<token>/poster: the shared video's poster image (the unfurl cards' picture).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: Ctx) {
  return shareFile(publicShareDeps(), request, (await params).token, "poster");
}

export { GET as HEAD };
