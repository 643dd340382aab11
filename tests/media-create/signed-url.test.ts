import { describe, expect, it } from "vitest";
import { signFileUrl, verifyFileSignature } from "@/lib/storage/signed-url";

const SECRET = "test-secret-test-secret-test-secret-0123";
const KEY = "assets/team/abc/Parallax1.mp4";
const NOW = Date.UTC(2026, 0, 1);

function parts(url: string) {
  const u = new URL(url);
  const key = u.pathname
    .replace(/^\/api\/files\//, "")
    .split("/")
    .map(decodeURIComponent)
    .join("/");
  return { key, exp: u.searchParams.get("exp"), sig: u.searchParams.get("sig") };
}

describe("signed file URLs", () => {
  const url = signFileUrl("https://studio.example.com/", KEY, SECRET, { ttlSeconds: 600, now: NOW });

  it("point at the files route and verify while fresh", () => {
    expect(url.startsWith("https://studio.example.com/api/files/assets/team/abc/Parallax1.mp4?exp=")).toBe(true);
    const p = parts(url);
    expect(p.key).toBe(KEY);
    expect(verifyFileSignature(p.key, p.exp, p.sig, SECRET, NOW + 599_000)).toEqual({ ok: true });
  });

  it("expire", () => {
    const p = parts(url);
    expect(verifyFileSignature(p.key, p.exp, p.sig, SECRET, NOW + 601_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse any tampering: key, expiry, signature, secret", () => {
    const p = parts(url);
    expect(verifyFileSignature("assets/team/other.mp4", p.exp, p.sig, SECRET, NOW)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(verifyFileSignature(p.key, String(Number(p.exp) + 3600), p.sig, SECRET, NOW)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const flipped = (p.sig![0] === "A" ? "B" : "A") + p.sig!.slice(1);
    expect(verifyFileSignature(p.key, p.exp, flipped, SECRET, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyFileSignature(p.key, p.exp, p.sig!.slice(0, 10), SECRET, NOW)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(verifyFileSignature(p.key, p.exp, p.sig, `${SECRET}x`, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyFileSignature(p.key, null, p.sig, SECRET, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifyFileSignature(p.key, "12abc", p.sig, SECRET, NOW)).toEqual({ ok: false, reason: "missing" });
  });
});
