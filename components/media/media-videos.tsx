import { Film } from "lucide-react";
import { LiveProgress } from "@/components/media/live-status";
import { MediaAlerts } from "@/components/media/media-alerts";
import { VariantPlayers } from "@/components/media/variant-players";
import type { MediaDetail } from "@/lib/media/detail";
import type { LiveItem } from "@/lib/media/status";

export function MediaVideos({ slug, detail, canChange }: { slug: string; detail: MediaDetail; canChange: boolean }) {
  const { media, players, live } = detail;
  const stopped = media.status === "not_submitted" || media.status === "fail" || media.status === "cancel";
  return (
    <section aria-label="Videos" className="grid gap-3">
      <MediaAlerts slug={slug} detail={detail} canSend={canChange} />
      {players.length > 0 ? (
        <>
          <VariantPlayers
            variants={players}
            caption={detail.previousVersion === null ? undefined : `Previous version (v${detail.previousVersion})`}
          />
          <LiveProgress item={live} showLabel className="rounded-xl border bg-card p-4 shadow-sm" />
        </>
      ) : (
        !stopped && <VideoPlaceholder inputUrl={detail.inputUrl} live={live} />
      )}
    </section>
  );
}

function VideoPlaceholder({ inputUrl, live }: { inputUrl: string | null; live: LiveItem }) {
  return (
    <div className="relative grid aspect-video place-items-center overflow-hidden rounded-xl border bg-gradient-to-br from-primary/10 via-muted to-primary/5 pb-16 sm:pb-0">
      {inputUrl && (
        // biome-ignore lint/performance/noImgElement: the team's private upload (its small thumbnail, blurred anyway)
        <img
          src={inputUrl}
          alt=""
          width={480}
          height={270}
          className="absolute inset-0 size-full scale-110 object-cover opacity-50 blur-lg"
        />
      )}
      <div className="relative grid justify-items-center gap-2 text-sm text-foreground/80">
        <Film className="size-10 animate-pulse motion-reduce:animate-none" aria-hidden />
        <span>Your video will appear here.</span>
      </div>
      <LiveProgress
        item={live}
        showLabel
        className="absolute inset-x-3 bottom-3 rounded-lg bg-background/90 p-3 shadow-sm sm:inset-x-4 sm:bottom-4"
      />
    </div>
  );
}
