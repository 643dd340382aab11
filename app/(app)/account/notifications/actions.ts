"use server";

import { userAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { emailSettingsSchema, saveEmailSettings } from "@/lib/notifications/settings";

// The signed-in user's own email switches: no team involved, nobody else's to change.
export const saveEmailSettingsAction = userAction({ schema: emailSettingsSchema }, async (user, input) =>
  saveEmailSettings(getDb(), user.id, input),
);
