import { Badge } from "@/components/ui/badge";
import type { Review } from "@/lib/review/view";

const LABEL: Record<Review, string> = { approved: "Approved", changes_requested: "Changes requested" };

/** A version's verdict; "Not reviewed" until a member gives one. */
export function ReviewBadge({ review }: { review: Review | null }) {
  return (
    <Badge
      variant={review === "approved" ? "success" : review ? "warning" : "outline"}
      data-testid="review-badge"
      data-review={review ?? "none"}
    >
      {review ? LABEL[review] : "Not reviewed"}
    </Badge>
  );
}
