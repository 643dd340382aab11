"use client";

import { useActionState } from "react";
import { saveEmailSettingsAction } from "@/app/(app)/account/notifications/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import type { NotificationKind } from "@/db/library-schema";
import type { FormState } from "@/lib/form-state";
import type { EmailSettings } from "@/lib/notifications/settings";

type Props = {
  settings: EmailSettings;
  labels: Record<NotificationKind, { label: string; hint: string }>;
  email: string | null;
  mailConfigured: boolean;
};

/** One switch per kind of notification; the bell shows them all whatever is chosen here. */
export function EmailSettingsForm({ settings, labels, email, mailConfigured }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveEmailSettingsAction, {});
  const kinds = Object.keys(labels) as NotificationKind[];
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Email notifications
        </CardTitle>
        <CardDescription>
          Choose what is also sent to{" "}
          <span className="font-medium break-all text-foreground">{email ?? "your address"}</span>. The bell in each
          team shows everything either way.
          {!mailConfigured && " This server has no mail configured yet, so nothing is sent for now."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {/* After a save the form resets to what was saved (state.values), not to the first load. */}
        <form action={action} className="grid gap-4">
          <fieldset className="grid gap-3">
            <legend className="sr-only">Email me when</legend>
            {kinds.map((k) => (
              <div key={k} className="grid gap-1">
                <label className="flex cursor-pointer items-start gap-3 rounded-md border p-3 hover:bg-accent/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50">
                  <input
                    type="checkbox"
                    name={k}
                    value="on"
                    defaultChecked={state.values ? state.values[k] === "on" : settings[k]}
                    className="mt-0.5 size-4 shrink-0 accent-primary"
                  />
                  <span className="grid gap-0.5">
                    <span className="text-sm font-medium">{labels[k].label}</span>
                    <span className="text-xs text-muted-foreground">{labels[k].hint}</span>
                  </span>
                </label>
                <FieldError messages={state.fieldErrors?.[k]} />
              </div>
            ))}
          </fieldset>
          <FormMessage kind="error" message={state.error} />
          <FormMessage kind="success" message={state.ok ? state.message : undefined} />
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
