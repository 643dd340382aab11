import {
  CircleCheck,
  CircleX,
  History,
  type LucideIcon,
  MessageSquare,
  Share2,
  Sparkles,
  Trash2,
  Undo2,
  UserMinus,
  UserPlus,
} from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { Feed, FeedLine } from "@/lib/activity/feed";
import { cn } from "@/lib/utils";
import { Sentence } from "./sentence";

const ICONS: Record<FeedLine["kind"], { icon: LucideIcon; tone: string }> = {
  created: { icon: Sparkles, tone: "bg-primary/10 text-primary" },
  finished: { icon: CircleCheck, tone: "bg-success/15 text-success" },
  failed: { icon: CircleX, tone: "bg-destructive/10 text-destructive" },
  commented: { icon: MessageSquare, tone: "bg-muted text-foreground" },
  shared: { icon: Share2, tone: "bg-muted text-foreground" },
  deleted: { icon: Trash2, tone: "bg-muted text-muted-foreground" },
  restored: { icon: Undo2, tone: "bg-muted text-foreground" },
  member_joined: { icon: UserPlus, tone: "bg-primary/10 text-primary" },
  member_left: { icon: UserMinus, tone: "bg-muted text-muted-foreground" },
};

type Props = { feed: Feed; firstPage: boolean; newestHref: string; olderHref: string | null };

export function ActivityFeed({ feed, firstPage, newestHref, olderHref }: Props) {
  if (feed.lines.length === 0 && firstPage)
    return (
      <EmptyState
        icon={History}
        title="Nothing has happened yet"
        description="Renders, comments, share links, deletions and people joining or leaving will show up here."
      />
    );
  return (
    <div className="grid gap-4">
      <Card className="py-2">
        <CardContent className="px-2 sm:px-4">
          <ol aria-label="Team activity" className="divide-y">
            {feed.lines.map((line) => {
              const { icon: Icon, tone } = ICONS[line.kind];
              return (
                <li key={line.id} className="flex items-start gap-3 px-1 py-3">
                  <span className={cn("mt-0.5 grid size-8 shrink-0 place-items-center rounded-full", tone)}>
                    <Icon className="size-4" aria-hidden />
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="text-sm break-words text-muted-foreground">
                      <Sentence parts={line.parts} href={line.href} />
                    </p>
                    <LocalTime date={line.createdAt} style="dateTime" className="text-xs text-muted-foreground" />
                  </div>
                </li>
              );
            })}
          </ol>
          {feed.lines.length === 0 && <p className="px-1 py-6 text-sm text-muted-foreground">No older activity.</p>}
        </CardContent>
      </Card>
      {(!firstPage || olderHref) && (
        <nav aria-label="Activity pages" className="flex justify-between gap-2">
          {firstPage ? (
            <span />
          ) : (
            <Button asChild variant="outline" size="sm">
              <Link href={newestHref}>Newest</Link>
            </Button>
          )}
          {olderHref && (
            <Button asChild variant="outline" size="sm">
              <Link href={olderHref}>Older</Link>
            </Button>
          )}
        </nav>
      )}
    </div>
  );
}
