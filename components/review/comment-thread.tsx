import { CircleCheck } from "lucide-react";
import { LocalTime } from "@/components/ui/local-time";
import type { CommentView, ThreadView } from "@/lib/review/view";
import { cn } from "@/lib/utils";
import { ReplyToggle, ResolveButton } from "./thread-controls";
import { TimecodeButton } from "./timecode-button";

// One thread: the comment (its time seeks the players), who wrote it and when, its replies,
// and what the viewer may do with it.

type Props = { team: string; mediaId: string; thread: ThreadView };

export function CommentThread({ team, mediaId, thread }: Props) {
  return (
    <li
      className={cn("grid gap-2 rounded-lg border bg-background/60 p-3 text-sm", thread.resolved && "bg-muted/40")}
      data-testid="comment"
      data-resolved={thread.resolved ? "true" : "false"}
    >
      <CommentLine comment={thread} resolved={thread.resolved !== null} />
      {thread.replies.length > 0 && (
        <ol className="grid gap-2 border-l-2 pl-3" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id} data-testid="reply">
              <CommentLine comment={r} resolved={false} />
            </li>
          ))}
        </ol>
      )}
      {thread.resolved && (
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="resolved-note">
          <CircleCheck className="size-3.5 text-success" aria-hidden />
          Resolved by {thread.resolved.by} · <LocalTime date={thread.resolved.at} style="dateTime" />
        </p>
      )}
      <div className="-ml-2 flex flex-wrap items-start gap-2">
        <ReplyToggle team={team} mediaId={mediaId} parentId={thread.id} />
        {thread.canResolve && <ResolveButton team={team} commentId={thread.id} resolved={thread.resolved !== null} />}
      </div>
    </li>
  );
}

function CommentLine({ comment, resolved }: { comment: CommentView; resolved: boolean }) {
  return (
    <div className="grid gap-1">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
        {comment.timecodeMs !== null && <TimecodeButton ms={comment.timecodeMs} />}
        <span className="font-medium text-foreground">{comment.author}</span>
        <LocalTime date={comment.createdAt} style="dateTime" />
      </p>
      <p
        className={cn("break-words whitespace-pre-wrap", resolved && "text-muted-foreground")}
        data-testid="comment-body"
      >
        {comment.segments.map((s, i) =>
          s.userId ? (
            <mark
              // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text, never reordered
              key={i}
              className="rounded bg-primary/10 px-0.5 font-medium text-primary"
              data-testid="mention"
            >
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </p>
    </div>
  );
}
