import { TriangleAlert } from "lucide-react";
import { RetrySubmit } from "@/components/media/retry-submit";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { MediaDetail } from "@/lib/media/detail";

export function MediaAlerts({ slug, detail }: { slug: string; detail: MediaDetail }) {
  const { media } = detail;
  return (
    <>
      {media.status === "not_submitted" && (
        <Alert variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>Not sent to Vimmerse yet</AlertTitle>
          <AlertDescription>
            <p>{media.lastError ?? "This video is saved but was never sent."}</p>
            <RetrySubmit team={slug} mediaId={media.id} />
          </AlertDescription>
        </Alert>
      )}
      {(media.status === "fail" || media.status === "cancel") && (
        <Alert variant="destructive">
          <TriangleAlert aria-hidden />
          <AlertTitle>{media.status === "fail" ? "This render failed" : "This render was cancelled"}</AlertTitle>
          <AlertDescription>
            <p>
              {detail.lastFailure ?? "Vimmerse could not make this video."} You can process it again or change its
              settings below.
            </p>
          </AlertDescription>
        </Alert>
      )}
    </>
  );
}
