import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { EmailSettingsForm } from "@/components/notifications/email-settings-form";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { EMAIL_KIND_LABELS, loadEmailSettings } from "@/lib/notifications/settings";

export const metadata: Metadata = { title: "Email notifications" };

export default async function EmailSettingsPage() {
  const user = await requireUser("/account/notifications");
  const settings = await loadEmailSettings(getDb(), user.id);
  return (
    <div className="flex min-h-dvh flex-col items-center gap-8 bg-muted/40 px-4 py-10 sm:justify-center">
      <Logo href="/app" />
      <div className="w-full max-w-md">
        <EmailSettingsForm
          settings={settings}
          labels={EMAIL_KIND_LABELS}
          email={user.email}
          mailConfigured={Boolean(env().EMAIL_SERVER)}
        />
        <p className="mt-4 text-center text-sm text-muted-foreground">
          <Link href="/app" className="underline-offset-4 hover:underline">
            Back to my team
          </Link>
        </p>
      </div>
    </div>
  );
}
