import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { absoluteUrl } from "@/lib/urls";

// Upstream webhooks are unsigned. Each media gets its own unguessable secret, carried in the
// webhook URL; only its hash is stored, and a call is matched by hash, then compared in constant time.

export function newWebhookSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashWebhookSecret(secret) };
}

export function hashWebhookSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function webhookSecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashWebhookSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function webhookUrl(appUrl: string, secret: string): string {
  return absoluteUrl(appUrl, `/api/webhooks/vimmerse/${secret}`);
}
