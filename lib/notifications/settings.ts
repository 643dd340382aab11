import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/db/library-schema";
import { emailOptOuts, setEmailOptOuts } from "@/db/queries/notifications";
import type { FormState } from "@/lib/form-state";

// Which notifications a user also gets by email: every kind is on until switched off. The form
// sends "on" for each switch that is on; an absent switch is off.

export const EMAIL_KIND_LABELS: Record<NotificationKind, { label: string; hint: string }> = {
  render_finished: { label: "My render finished", hint: "A video you created is ready to watch." },
  render_failed: { label: "My render failed", hint: "A video you created could not be rendered or was cancelled." },
  mentioned: { label: "Someone mentioned me", hint: "A teammate @mentioned you in a comment." },
};

const on = z.literal("on", { error: "A switch is either on or off." }).optional();
export const emailSettingsSchema = z.object({ render_finished: on, render_failed: on, mentioned: on });

export type EmailSettings = Record<NotificationKind, boolean>;

export async function loadEmailSettings(db: DbOrTx, userId: string): Promise<EmailSettings> {
  const off = new Set(await emailOptOuts(db, userId));
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !off.has(k)])) as EmailSettings;
}

export async function saveEmailSettings(
  db: DbOrTx,
  userId: string,
  input: z.output<typeof emailSettingsSchema>,
): Promise<FormState> {
  const off = NOTIFICATION_KINDS.filter((k) => input[k] !== "on");
  await setEmailOptOuts(db, userId, off);
  const values = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, off.includes(k) ? "off" : "on"]));
  return {
    ok: true,
    values,
    message: off.length === NOTIFICATION_KINDS.length ? "Saved: no emails, the bell only." : "Saved.",
  };
}
