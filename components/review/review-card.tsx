import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReviewView } from "@/lib/review/view";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";
import { ReviewBadge } from "./review-badge";
import { ReviewButtons } from "./review-buttons";
import { SeekListener } from "./seek-listener";

// The Review card of the media page: the verdict on the version the page plays, its comment
// threads, a comment form, and the verdicts of earlier versions.

export function ReviewCard({ team, review }: { team: string; review: ReviewView }) {
  const { current, mediaId } = review;
  const earlier = review.versions.filter((v) => v.id !== current?.id);
  return (
    <Card data-testid="review-card">
      <SeekListener />
      <CardHeader>
        <CardTitle>Review</CardTitle>
        <CardDescription>
          {current
            ? `Comments on version #${current.number}. Click a time to play from there.`
            : "Comments on this video."}
        </CardDescription>
        {current && (
          <CardAction>
            <ReviewBadge review={current.review} />
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-5">
        {current && (
          <div className="grid gap-2">
            {current.review && current.reviewer && (
              <p className="text-sm text-muted-foreground">
                {current.review === "approved" ? "Approved" : "Changes requested"} by {current.reviewer}.
              </p>
            )}
            {review.canReview && (
              <ReviewButtons team={team} mediaId={mediaId} generationId={current.id} review={current.review} />
            )}
          </div>
        )}
        {review.threads.length > 0 ? (
          <ol className="grid gap-3" data-testid="comments">
            {review.threads.map((t) => (
              <CommentThread key={t.id} team={team} mediaId={mediaId} thread={t} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">No comments on this version yet.</p>
        )}
        <CommentForm team={team} mediaId={mediaId} generationId={current?.id ?? null} playable={review.playable} />
        {earlier.length > 0 && (
          <div className="grid gap-2 border-t pt-4">
            <p className="text-sm font-medium">Earlier versions</p>
            <ul className="grid gap-1.5 text-sm" data-testid="earlier-versions">
              {earlier.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">#{v.number}</span>
                  <ReviewBadge review={v.review} />
                  <span className="text-muted-foreground">
                    {v.comments === 1 ? "1 comment" : `${v.comments} comments`}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
