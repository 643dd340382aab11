import { Hourglass, Info, Search, TriangleAlert } from "lucide-react";
import { RetrySubmit } from "@/components/media/retry-submit";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import type { MediaDetail } from "@/lib/media/detail";
import { UNCLEAR } from "@/lib/media/errors";

/** `canSend`: false for a viewer, who is told what happened but offered no button that spends. */
export function MediaAlerts({ slug, detail, canSend }: { slug: string; detail: MediaDetail; canSend: boolean }) {
  const { media, checking } = detail;
  return (
    <>
      {media.status === "not_submitted" && (
        <Alert variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>Not sent to Vimmerse yet</AlertTitle>
          <AlertDescription>
            <p>{media.lastError ?? "This video is saved but was never sent."}</p>
            {canSend && <RetrySubmit team={slug} mediaId={media.id} />}
          </AlertDescription>
        </Alert>
      )}
      {detail.waiting && (
        <Alert data-testid="waiting-alert">
          <Hourglass aria-hidden />
          <AlertTitle>Waiting its turn</AlertTitle>
          <AlertDescription>
            <p>{detail.waiting}</p>
          </AlertDescription>
        </Alert>
      )}
      {checking && (
        <Alert data-testid="checking-alert">
          <Search aria-hidden />
          <AlertTitle>Checking with Vimmerse</AlertTitle>
          <AlertDescription>
            <p>{media.lastError ?? (checking.resendAt ? UNCLEAR.create : UNCLEAR.change)}</p>
            {checking.resendAt && !checking.canResend && (
              <p>
                Sent <LocalTime date={checking.since} style="dateTime" />. If Vimmerse has not confirmed it by{" "}
                <LocalTime date={checking.resendAt} style="dateTime" />, you can send it again.
              </p>
            )}
            {!checking.resendAt && (
              <p>If no new version shows up within minutes, this video goes back to how it was.</p>
            )}
            {canSend && checking.canResend && <RetrySubmit team={slug} mediaId={media.id} resend />}
          </AlertDescription>
        </Alert>
      )}
      {detail.notice && (
        <Alert data-testid="notice-alert">
          <Info aria-hidden />
          <AlertTitle>About the last request</AlertTitle>
          <AlertDescription>
            <p>{detail.notice}</p>
          </AlertDescription>
        </Alert>
      )}
      {(media.status === "fail" || media.status === "cancel") && (
        <Alert variant="destructive">
          <TriangleAlert aria-hidden />
          <AlertTitle>{media.status === "fail" ? "This render failed" : "This render was cancelled"}</AlertTitle>
          <AlertDescription>
            <p>
              {detail.lastFailure ?? "Vimmerse could not make this video."}
              {canSend && " You can process it again or change its settings below."}
            </p>
          </AlertDescription>
        </Alert>
      )}
    </>
  );
}
