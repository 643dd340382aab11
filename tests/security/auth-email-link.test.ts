import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { SignInThrottled } from "@/lib/auth/credentials";
import { linkMail, sendLink } from "@/lib/auth/magic-link";

// Issue 10, item 4: sign-in-link emails were unthrottled.

vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});
const delivered = vi.hoisted(() => [] as { to: string; subject: string }[]);
vi.mock("nodemailer", () => ({
  createTransport: () => ({ sendMail: async (m: { to: string; subject: string }) => void delivered.push(m) }),
}));

const client = () => new Headers({ "x-real-ip": `10.${[...randomBytes(3)].join(".")}` });
const params = (identifier: string, headers = client()) => ({
  identifier,
  url: `https://studio.example/api/auth/callback/nodemailer?token=t&email=${identifier}`,
  provider: { server: "smtp://mail.invalid", from: "studio@example.com" },
  request: new Request("https://studio.example/api/auth/signin/nodemailer", { method: "POST", headers }),
});

async function outcome(p: ReturnType<typeof params>, kind: "sign-in" | "confirm" = "sign-in") {
  try {
    await sendLink(kind)(p);
    return "sent";
  } catch (err) {
    if (err instanceof SignInThrottled) return err.refusal.message;
    throw err;
  }
}

describe("sign-in link emails", () => {
  it("three per address in 15 minutes, then a refusal with when to retry, and nothing sent", async () => {
    delivered.length = 0;
    const address = `a-${randomBytes(4).toString("hex")}@example.com`;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await outcome(params(address)));
    expect(results.slice(0, 3)).toEqual(["sent", "sent", "sent"]);
    expect(results[3]).toBe("Too many sign-in emails for this address. Try again in 15 minutes.");
    expect(delivered).toHaveLength(3);
    // The sign-up's confirm link counts against the same address.
    expect(await outcome(params(address), "confirm")).toMatch(/^Too many sign-in emails for this address/);
    expect(delivered).toHaveLength(3);
  });

  it("ten per client in an hour, whatever the addresses", async () => {
    delivered.length = 0;
    const h = client();
    const results = [];
    for (let i = 0; i < 11; i++)
      results.push(await outcome(params(`c${i}-${randomBytes(4).toString("hex")}@example.com`, h)));
    expect(results.filter((r) => r === "sent")).toHaveLength(10);
    expect(results[10]).toMatch(/^Too many sign-in emails from this network\. Try again in (1 hour|\d+ minutes)\.$/);
    expect(delivered).toHaveLength(10);
  });

  it("the confirm mail says what it is for, and the link is escaped in HTML", () => {
    const mail = linkMail("confirm", "x@example.com", 'https://studio.example/?a="><b>');
    expect(mail.subject).toBe("Confirm your Vimmerse Studio account");
    expect(mail.html).not.toContain('"><b>');
  });
});
