"use client";

import { Check, Copy, Link2 } from "lucide-react";
import { useActionState, useState } from "react";
import { createShareLinkAction } from "@/app/(app)/t/[team]/media/[id]/share-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { EXPIRY_CHOICES } from "@/lib/share/choices";
import type { CreateShareState } from "@/lib/share/manage";

// A new link: when it expires, an optional password, whether downloads are allowed. The full
// address comes back once (only its hash is kept), so it is shown here with a Copy button.

export function CreateLinkForm({ team, mediaId }: { team: string; mediaId: string }) {
  const [state, action, pending] = useActionState<CreateShareState, FormData>(createShareLinkAction, {});
  const [expiry, setExpiry] = useState(state.values?.expiry ?? "none");
  const e = state.fieldErrors ?? {};
  return (
    <div className="grid gap-4">
      <form action={action} className="grid gap-4 rounded-lg border p-4" data-testid="share-form" noValidate>
        <input type="hidden" name="team" value={team} />
        <input type="hidden" name="mediaId" value={mediaId} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="grid content-start gap-2">
            <Label htmlFor="share-expiry">Expires</Label>
            <NativeSelect
              id="share-expiry"
              name="expiry"
              value={expiry}
              onChange={(ev) => setExpiry(ev.target.value)}
              aria-invalid={e.expiry ? true : undefined}
            >
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
            {expiry === "date" && (
              <>
                <Input
                  type="date"
                  name="expiresOn"
                  aria-label="Expiry date"
                  defaultValue={state.values?.expiresOn}
                  aria-invalid={e.expiresOn ? true : undefined}
                  aria-describedby="share-expires-on-hint"
                />
                <p id="share-expires-on-hint" className="text-xs text-muted-foreground">
                  The link works to the end of that day (UTC).
                </p>
              </>
            )}
            <FieldError messages={e.expiry ?? e.expiresOn} />
          </div>
          <div className="grid content-start gap-2">
            <Label htmlFor="share-password">Password (optional)</Label>
            <Input
              id="share-password"
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder="No password"
              maxLength={200}
              aria-invalid={e.password ? true : undefined}
            />
            <FieldError messages={e.password} />
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="allowDownload"
            defaultChecked={state.values?.allowDownload === "on"}
            className="size-4 accent-primary"
          />
          Allow downloads
        </label>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <FormMessage kind="error" message={state.error} />
          <Button type="submit" disabled={pending} className="ml-auto">
            <Link2 aria-hidden /> {pending ? "Creating…" : "Create link"}
          </Button>
        </div>
      </form>
      {state.ok && state.url && <NewLink key={state.url} url={state.url} message={state.message} />}
    </div>
  );
}

function NewLink({ url, message }: { url: string; message?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(url).catch(() => {});
    setCopied(true);
  };
  return (
    <div className="grid gap-2" data-testid="share-new-link">
      <FormMessage kind="success" message={message} />
      <div className="flex gap-2">
        <Input
          readOnly
          value={url}
          aria-label="Share link"
          className="font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
