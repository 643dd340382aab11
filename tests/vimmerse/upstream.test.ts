import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { deriveSandboxApiKey, sandboxApiKey } from "@/lib/sandbox-key";
import { getVimmerse, vimmerseConfig } from "@/lib/upstream";

describe("vimmerseConfig", () => {
  it("sandbox without a key: the key derived from AUTH_SECRET, the app's own sandbox route", () => {
    const secret = "s".repeat(32);
    expect(vimmerseConfig(parseEnv({ APP_URL: "https://studio.example.com/", AUTH_SECRET: secret }))).toEqual({
      apiKey: deriveSandboxApiKey(secret),
      baseUrl: "https://studio.example.com/api/sandbox",
      sandbox: true,
    });
  });

  it("a key means the real service unless a URL is set", () => {
    expect(vimmerseConfig(parseEnv({ VIMMERSE_API_KEY: "k1" }))).toEqual({
      apiKey: "k1",
      baseUrl: "https://api.vimmerse.net",
      sandbox: false,
    });
    expect(
      vimmerseConfig(parseEnv({ VIMMERSE_API_KEY: "k1", VIMMERSE_API_URL: "https://staging.vimmerse.test" })),
    ).toMatchObject({
      baseUrl: "https://staging.vimmerse.test",
    });
    expect(vimmerseConfig(parseEnv({ VIMMERSE_API_URL: "http://127.0.0.1:9999" }))).toEqual({
      apiKey: sandboxApiKey(undefined),
      baseUrl: "http://127.0.0.1:9999",
      sandbox: true,
    });
  });

  it("getVimmerse returns one client for one configuration", () => {
    expect(getVimmerse()).toBe(getVimmerse());
  });
});
