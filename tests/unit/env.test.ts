import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, usesSandbox } from "@/lib/env";

describe("configuration", () => {
  it("starts with nothing configured outside production", () => {
    const e = parseEnv({});
    expect(e.APP_URL).toBe("http://localhost:3000");
    expect(e.DATABASE_URL).toBeUndefined();
    expect(usesSandbox(e)).toBe(true);
  });

  it("names each bad setting", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", APP_URL: "not a url", AUTH_GITHUB_ID: "id" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/DATABASE_URL must be a postgres/);
      expect(msg).toMatch(/APP_URL must be an absolute URL/);
      expect(msg).toMatch(/AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set/);
    }
  });

  it("requires AUTH_SECRET in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it("uses the Vimmerse cloud once a key is set", () => {
    expect(usesSandbox(parseEnv({ VIMMERSE_API_KEY: "k" }))).toBe(false);
  });
});
