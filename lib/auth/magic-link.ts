import { createTransport } from "nodemailer";
import { env } from "@/lib/env";

type Params = { identifier: string; url: string; provider: { server?: unknown; from?: string } };

export async function sendMagicLink({ identifier, url, provider }: Params): Promise<void> {
  if (env().NODE_ENV !== "production") {
    // In development the link is printed so that no mail server has to deliver it.
    console.info(`[auth] Sign-in link for ${identifier}: ${url}`);
  }
  const transport = createTransport(provider.server as string);
  await transport.sendMail({
    to: identifier,
    from: provider.from,
    subject: "Sign in to Vimmerse Studio",
    text: `Sign in to Vimmerse Studio:\n\n${url}\n\nIf you did not ask for this, ignore this email.`,
    html: `<p>Sign in to Vimmerse Studio:</p><p><a href="${url}">Sign in</a></p><p>If you did not ask for this, ignore this email.</p>`,
  });
}
