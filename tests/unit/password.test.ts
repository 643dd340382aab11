import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with a fresh salt and verifies", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("wrong horse battery", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("spends as long on an unknown email as on a wrong password", async () => {
    const stored = await hashPassword("pw-one-two-three");
    await burnPasswordCheck("warm-up");
    const t0 = performance.now();
    await verifyPassword("nope", stored);
    const wrong = performance.now() - t0;
    const t1 = performance.now();
    await burnPasswordCheck("nope");
    const unknown = performance.now() - t1;
    // Same scrypt cost either way: within a generous factor, never an instant answer.
    expect(unknown).toBeGreaterThan(wrong / 4);
  });
});
