"use client";

import { Check, Copy } from "lucide-react";
import { useActionState, useState } from "react";
import { type InviteState, inviteAction } from "@/app/(app)/t/[team]/settings/actions";
import { RoleSelect } from "@/components/teams/role-select";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function InviteForm({ slug, allowOwner }: { slug: string; allowOwner: boolean }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteAction, {});
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-4">
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <input type="hidden" name="team" value={slug} />
        <div className="grid flex-1 gap-2">
          <Label htmlFor="invite-email">Email address</Label>
          <Input
            id="invite-email"
            name="email"
            type="email"
            placeholder="colleague@example.com"
            defaultValue={state.values?.email}
            aria-invalid={state.fieldErrors?.email ? true : undefined}
            aria-describedby={state.fieldErrors?.email ? "invite-email-error" : undefined}
          />
        </div>
        <div className="grid gap-2">
          <Label>Role</Label>
          <RoleSelect
            name="role"
            defaultValue={state.values?.role ?? "member"}
            allowOwner={allowOwner}
            label="Role for the invitation"
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      <FieldError id="invite-email-error" messages={state.fieldErrors?.email} />
      <FieldError messages={state.fieldErrors?.role} />
      <FormMessage kind="error" message={state.error} />
      {state.ok && state.link && (
        <div className="grid gap-2 rounded-lg border bg-muted/50 p-3" data-testid="invite-result">
          <p className="text-sm">
            {state.message}{" "}
            {state.emailed ? "We emailed the link too." : "Send them this link; it works once and expires in 7 days."}
          </p>
          <div className="flex gap-2">
            <Input
              readOnly
              value={state.link}
              aria-label="Invitation link"
              data-testid="invite-link"
              className="font-mono text-xs"
            />
            <Button
              type="button"
              variant="outline"
              size="icon"
              aria-label="Copy link"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.link ?? "");
                setCopied(true);
              }}
            >
              {copied ? <Check className="size-4" /> : <Copy className="size-4" />}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
