import { createTransport } from "nodemailer";
import type { DbOrTx } from "@/db/client";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { clientId, RULES, throttleAll } from "@/lib/security/throttle";
import { refuse } from "./credentials";

// The emails that carry a sign-in link: "sign in" (asked for on the sign-in page) and "confirm"
// (sent by a sign-up when email is configured; lib/auth/sign-up.ts). Both are counted per address
// and per client before anything is sent, whether asked for by the form or posted straight to
// /api/auth/signin/<provider>.

export type LinkKind = "sign-in" | "confirm";

export type LinkMail = { to: string; subject: string; text: string; html: string };

type Params = { identifier: string; url: string; provider: { server?: unknown; from?: string }; request: Request };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function linkMail(kind: LinkKind, to: string, url: string): LinkMail {
  const [subject, intro, action] =
    kind === "confirm"
      ? [
          "Confirm your Vimmerse Studio account",
          "Someone created a Vimmerse Studio account with this address. If it was you, confirm it:",
          "Confirm my account",
        ]
      : ["Sign in to Vimmerse Studio", "Sign in to Vimmerse Studio:", "Sign in"];
  const ignore = "If you did not ask for this, ignore this email.";
  return {
    to,
    subject,
    text: `${intro}\n\n${url}\n\n${ignore}`,
    html: `<p>${intro}</p><p><a href="${escapeHtml(url)}">${action}</a></p><p>${ignore}</p>`,
  };
}

/** Counts the email against its address and the client; throws SignInThrottled when refused. */
export async function throttleLinkEmail(db: DbOrTx, address: string, headers: Headers): Promise<void> {
  const verdict = await throttleAll(db, [
    [RULES.emailLinkAddress, address],
    [RULES.emailLinkClient, clientId(headers)],
  ]);
  if (!verdict.ok) refuse(verdict);
}

/** A provider's sendVerificationRequest for one kind of link. */
export function sendLink(kind: LinkKind) {
  return async ({ identifier, url, provider, request }: Params): Promise<void> => {
    await throttleLinkEmail(getDb(), identifier, request.headers);
    if (env().NODE_ENV !== "production") {
      // In development the link is printed so that no mail server has to deliver it.
      console.info(`[auth] ${kind} link for ${identifier}: ${url}`);
    }
    const mail = linkMail(kind, identifier, url);
    await createTransport(provider.server as string).sendMail({ ...mail, from: provider.from });
  };
}
