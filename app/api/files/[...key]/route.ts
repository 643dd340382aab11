import { env } from "@/lib/env";
import { getStorage } from "@/lib/storage";
import { verifyFileSignature } from "@/lib/storage/signed-url";

// Stored files behind signed, expiring links: how upstream fetches a video to extend (or an
// image) from local storage. The link is the only credential, so it must be unforgeable.

type Ctx = { params: Promise<{ key: string[] }> };

export async function GET(request: Request, { params }: Ctx) {
  const { key: parts } = await params;
  let key: string;
  try {
    key = parts.map((p) => decodeURIComponent(p)).join("/");
  } catch {
    return new Response("This link is not valid.", { status: 403 });
  }
  const url = new URL(request.url);
  const secret = env().AUTH_SECRET;
  if (!secret) return new Response("File links are disabled: AUTH_SECRET is not set.", { status: 503 });
  const check = verifyFileSignature(key, url.searchParams.get("exp"), url.searchParams.get("sig"), secret);
  if (!check.ok) {
    return new Response(check.reason === "expired" ? "This link has expired." : "This link is not valid.", {
      status: 403,
    });
  }
  let file;
  try {
    file = await getStorage().get(key);
  } catch {
    return new Response("Not found", { status: 404 });
  }
  if (!file) return new Response("Not found", { status: 404 });
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
  if (file.bytes) headers["content-length"] = String(file.bytes);
  return new Response(file.body, { headers });
}
