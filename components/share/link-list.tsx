"use client";

import { useActionState } from "react";
import { revokeShareLinkAction } from "@/app/(app)/t/[team]/media/[id]/share-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import type { FormState } from "@/lib/form-state";
import type { ShareLinkView } from "@/lib/share/manage";

// The media's links, newest first: who made each, when it expires, whether it asks a password,
// how often it was watched. Addresses are not shown again (only their hashes exist).

type Props = { team: string; mediaId: string; links: ShareLinkView[] };

export function LinkList({ team, mediaId, links }: Props) {
  if (links.length === 0) return <p className="text-sm text-muted-foreground">No links yet.</p>;
  return (
    <div className="grid gap-2">
      <h3 className="text-sm font-medium">Links</h3>
      <ul className="grid divide-y rounded-lg border" data-testid="share-links">
        {links.map((l) => (
          <LinkRow key={l.id} team={team} mediaId={mediaId} link={l} />
        ))}
      </ul>
    </div>
  );
}

function LinkRow({ team, mediaId, link: l }: { team: string; mediaId: string; link: ShareLinkView }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeShareLinkAction, {});
  const live = !l.revoked && !l.expired;
  return (
    <li className="grid gap-2 px-3 py-2.5 text-sm sm:grid-cols-[1fr_auto] sm:items-center" data-testid="share-link">
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">
            {l.createdBy} · <LocalTime date={l.createdAt} />
          </span>
          {l.revoked ? (
            <Badge variant="secondary">Revoked</Badge>
          ) : l.expired ? (
            <Badge variant="warning">Expired</Badge>
          ) : (
            <Badge variant="success">Active</Badge>
          )}
          {l.password && <Badge variant="outline">Password</Badge>}
          {l.allowDownload && <Badge variant="outline">Downloads</Badge>}
        </div>
        <p className="text-xs text-muted-foreground">
          {l.expiresAt ? (
            <>
              {l.expired ? "Expired" : "Expires"} <LocalTime date={l.expiresAt} style="dateTime" />
            </>
          ) : (
            "Never expires"
          )}{" "}
          · {l.views} view{l.views === 1 ? "" : "s"}
          {l.lastViewedAt && (
            <>
              {" "}
              · last <LocalTime date={l.lastViewedAt} style="dateTime" />
            </>
          )}
        </p>
        <FormMessage kind="error" message={state.error} />
      </div>
      {live && (
        <form action={action}>
          <input type="hidden" name="team" value={team} />
          <input type="hidden" name="mediaId" value={mediaId} />
          <input type="hidden" name="linkId" value={l.id} />
          <Button type="submit" size="sm" variant="outline" disabled={pending}>
            {pending ? "Revoking…" : "Revoke"}
          </Button>
        </form>
      )}
    </li>
  );
}
