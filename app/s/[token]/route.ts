import { publicShareDeps } from "@/lib/share/app-deps";
import { sharePage, sharePassword } from "@/lib/share/public";

// /s/<token>: the public page of a share link, answered as HTML by a route handler so a revoked
// or unknown link can be a 404 and an expired one a 410 (lib/share/html.ts says why).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: Ctx) {
  return sharePage(publicShareDeps(), request, (await params).token);
}

export { GET as HEAD };

export async function POST(request: Request, { params }: Ctx) {
  return sharePassword(publicShareDeps(), request, (await params).token);
}
