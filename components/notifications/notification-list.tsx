"use client";

import { BellOff, CheckCheck } from "lucide-react";
import { useActionState } from "react";
import { markAllReadAction, openNotificationAction } from "@/app/(app)/t/[team]/notifications/actions";
import { Sentence } from "@/components/activity/sentence";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import type { FormState } from "@/lib/form-state";
import type { OpenResult } from "@/lib/notifications/manage";
import type { NotificationItem, NotificationsView } from "@/lib/notifications/view";
import { cn } from "@/lib/utils";

export function NotificationList({ team, view }: { team: string; view: NotificationsView }) {
  const [state, markAll, pending] = useActionState<FormState, FormData>(markAllReadAction, {});
  if (view.items.length === 0)
    return (
      <EmptyState
        icon={BellOff}
        title="No notifications"
        description="You will hear here when a render of yours finishes or fails, or someone mentions you."
      />
    );
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {view.unread ? `${view.unread} unread` : "All caught up"}
        </p>
        <form action={markAll}>
          <input type="hidden" name="team" value={team} />
          <Button type="submit" variant="outline" size="sm" disabled={pending || view.unread === 0}>
            <CheckCheck aria-hidden /> Mark all read
          </Button>
        </form>
      </div>
      <FormMessage kind="error" message={state.error} />
      <Card className="py-1">
        <CardContent className="px-1 sm:px-2">
          <ul aria-label="Notifications" className="divide-y">
            {view.items.map((item) => (
              <Row key={item.id} team={team} item={item} />
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}

/** One notification: the whole row opens it (marked read, then its video). */
function Row({ team, item }: { team: string; item: NotificationItem }) {
  const [state, open, pending] = useActionState<OpenResult, FormData>(openNotificationAction, {});
  const unread = item.unread && !state.ok;
  return (
    <li>
      <form action={open}>
        <input type="hidden" name="team" value={team} />
        <input type="hidden" name="id" value={item.id} />
        <button
          type="submit"
          disabled={pending}
          data-unread={unread || undefined}
          className={cn(
            "flex w-full items-start gap-3 rounded-md px-2 py-3 text-left transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
            unread && "bg-primary/5",
          )}
        >
          <span
            className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-primary" : "bg-transparent")}
            aria-hidden
          />
          <span className="min-w-0 flex-1">
            <span className={cn("block text-sm break-words", unread ? "text-foreground" : "text-muted-foreground")}>
              {unread && <span className="sr-only">Unread: </span>}
              <Sentence parts={item.parts} />
              {item.gone && (
                <span className="text-muted-foreground">
                  {item.gone === "trashed" ? " (now in the Trash)" : " (deleted since)"}
                </span>
              )}
            </span>
            <LocalTime date={item.createdAt} style="dateTime" className="text-xs text-muted-foreground" />
          </span>
        </button>
      </form>
      <FormMessage kind="error" message={state.error} className="mx-2 mb-2" />
    </li>
  );
}
