import "server-only";
import type { DbOrTx } from "@/db/client";
import { emailsFor, unclaimEmail } from "@/db/queries/notifications";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail";
import { notificationEmail } from "./email";

// Emails for new notifications, after the transaction that made them committed. With
// EMAIL_SERVER each goes through lib/mail.ts (emailed_at marks it sent); without it, outside
// production, it is printed to the server log instead (and stays unsent). A mail failure never
// reaches the caller: a render's state or a comment must not be lost because mail is down.

export async function deliverNotifications(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const e = env();
    const send = Boolean(e.EMAIL_SERVER);
    if (!send && e.NODE_ENV === "production") return;
    for (const row of await emailsFor(db, ids, { claim: send })) {
      if (!row.email) continue;
      const mail = notificationEmail(row, e.APP_URL);
      if (!send) {
        console.info(`[mail] to: ${row.email}\n[mail] subject: ${mail.subject}\n${mail.text}`);
        continue;
      }
      try {
        await sendMail(row.email, mail.subject, mail.text);
      } catch (err) {
        console.error(`[notifications] email ${row.id} not sent:`, err instanceof Error ? err.message : err);
        await unclaimEmail(db, row.id);
      }
    }
  } catch (err) {
    console.error("[notifications] emails not sent:", err instanceof Error ? err.message : err);
  }
}
