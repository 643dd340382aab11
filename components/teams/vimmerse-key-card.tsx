"use client";

import { KeyRoundIcon, TriangleAlertIcon } from "lucide-react";
import { useActionState, useRef } from "react";
import { saveTeamKeyAction } from "@/app/(app)/t/[team]/settings/key-actions";
import { RemoveTeamKey } from "@/components/teams/remove-team-key";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";

// The owner's card for the team's own Vimmerse key. The key itself never reaches this component:
// the page hands over only its last four characters (and, in sandbox mode while no key is set, a
// sandbox account key to try, which is no secret of the team's).

export type TeamKeyStatus = { last4: string; setAt: Date; setBy: string | null } | null;

type Props = { slug: string; status: TeamKeyStatus; sandboxKey?: string };

export function VimmerseKeyCard({ slug, status, sandboxKey }: Props) {
  return (
    <Card data-testid="vimmerse-key-card">
      <CardHeader>
        <CardTitle>Vimmerse API key</CardTitle>
        <CardDescription>Which Vimmerse account renders this team&apos;s videos and pays for them.</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">
        <KeyStatusLine status={status} />
        <ul className="grid list-disc gap-1 pl-5 text-sm text-muted-foreground">
          <li>
            With a key of your own, every render, status check and download of this team&apos;s videos goes to your
            Vimmerse account and spends its credits.
          </li>
          <li>
            The key is checked with Vimmerse before it is saved and stored encrypted. It is never shown again, only its
            last four characters.
          </li>
          <li>
            The studio&apos;s default monthly budget stops limiting the team; a budget the operator set for this team
            and members&apos; monthly caps still apply.
          </li>
        </ul>
        <Alert variant="warning">
          <TriangleAlertIcon aria-hidden />
          <AlertTitle>Changing the key affects videos still rendering</AlertTitle>
          <AlertDescription>
            <p>
              Vimmerse keeps each video in the account that made it, and the studio asks about a video with the key in
              use now. Wait until this team&apos;s renders have finished before you set, replace or remove the key: one
              still rendering may never finish here. Finished videos stay playable from the studio&apos;s copies.
            </p>
          </AlertDescription>
        </Alert>
        <SetKeyForm slug={slug} hasKey={status !== null} sandboxKey={sandboxKey} />
        <RemoveTeamKey slug={slug} hasKey={status !== null} />
      </CardContent>
    </Card>
  );
}

function KeyStatusLine({ status }: { status: TeamKeyStatus }) {
  return (
    <div className="flex items-start gap-3 rounded-lg border bg-muted/40 px-4 py-3" data-testid="key-status">
      <KeyRoundIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
      {status ? (
        <div className="grid gap-0.5 text-sm">
          <p className="font-medium">
            Using your team&apos;s key ending in <span className="font-mono">····{status.last4}</span>
          </p>
          <p className="text-xs text-muted-foreground">
            Set <LocalTime date={status.setAt} />
            {status.setBy ? ` by ${status.setBy}` : ""}
          </p>
        </div>
      ) : (
        <p className="text-sm font-medium">Using the studio&apos;s Vimmerse account</p>
      )}
    </div>
  );
}

function SetKeyForm({ slug, hasKey, sandboxKey }: { slug: string; hasKey: boolean; sandboxKey?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveTeamKeyAction, {});
  const input = useRef<HTMLInputElement>(null);
  return (
    <form action={action} className="grid gap-3 sm:max-w-md" noValidate>
      <input type="hidden" name="team" value={slug} />
      <TextField
        ref={input}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        label={hasKey ? "Replace the key" : "Your team's Vimmerse API key"}
        errors={state.fieldErrors?.apiKey}
      />
      {sandboxKey && (
        <div className="grid gap-2 rounded-lg border border-dashed px-3 py-2 text-xs text-muted-foreground">
          <p>
            Offline sandbox: Vimmerse is not connected here, so try a sandbox account key made for this team. Videos
            made with it are kept apart from the studio&apos;s.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono break-all select-all" data-testid="sandbox-key">
              {sandboxKey}
            </code>
            <Button
              type="button"
              size="sm"
              variant="outline"
              onClick={() => {
                if (input.current) input.current.value = sandboxKey;
              }}
            >
              Fill in
            </Button>
          </div>
        </div>
      )}
      <FormMessage kind="error" message={state.error} />
      {/* Only while a key is set: after a removal, "Saved" would be stale. */}
      <FormMessage kind="success" message={state.ok && hasKey ? state.message : undefined} />
      <Button type="submit" disabled={pending} className="w-fit">
        {pending ? "Checking with Vimmerse…" : hasKey ? "Check and replace" : "Check and save"}
      </Button>
    </form>
  );
}
