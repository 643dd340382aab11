import { publicShareDeps } from "@/lib/share/app-deps";
import { shareFile } from "@/lib/share/public";

// /s/<token>/video: the shared MP4 with byte ranges; `?download=1` as an attachment when the link allows it.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: Ctx) {
  return shareFile(publicShareDeps(), request, (await params).token, "video");
}

export { GET as HEAD };
