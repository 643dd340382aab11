import "server-only";
import { createTransport } from "nodemailer";
import { env } from "@/lib/env";

/** Sends a plain email when EMAIL_SERVER is configured; returns whether it was sent. */
export async function sendMail(to: string, subject: string, text: string): Promise<boolean> {
  const e = env();
  if (!e.EMAIL_SERVER) return false;
  await createTransport(e.EMAIL_SERVER).sendMail({ to, from: e.EMAIL_FROM, subject, text });
  return true;
}
