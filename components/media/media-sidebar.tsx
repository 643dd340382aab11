import { DetailsForm } from "@/components/media/details-form";
import { InputsCard } from "@/components/media/inputs-card";
import { ProcessAgain, ResubmitForm } from "@/components/media/regenerate";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { MediaDetail } from "@/lib/media/detail";

export function MediaSidebar({ slug, detail }: { slug: string; detail: MediaDetail }) {
  return (
    <div className="grid content-start gap-6">
      <DetailsCard slug={slug} media={detail.media} />
      <RenderAgainCard slug={slug} detail={detail} />
      <Card>
        <CardHeader>
          <CardTitle>Made from</CardTitle>
        </CardHeader>
        <CardContent>
          <InputsCard team={slug} params={detail.params} source={detail.source} />
        </CardContent>
      </Card>
    </div>
  );
}

function DetailsCard({ slug, media }: { slug: string; media: MediaDetail["media"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
        <CardDescription>Free to change.</CardDescription>
      </CardHeader>
      <CardContent>
        <DetailsForm
          team={slug}
          mediaId={media.id}
          details={{
            title: media.title,
            description: media.description,
            rating: media.rating ?? "",
            visibility: media.visibility,
          }}
        />
      </CardContent>
    </Card>
  );
}

function RenderAgainCard({ slug, detail }: { slug: string; detail: MediaDetail }) {
  const { media, params: p, blocked, motions } = detail;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Render again</CardTitle>
        <CardDescription>Change the settings and resubmit, or make a new take. Both spend credits.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ResubmitForm
          team={slug}
          mediaId={media.id}
          blocked={blocked}
          motions={motions}
          values={{
            motionType: p.motionType,
            prompt: p.prompt,
            quantity: p.quantity,
            duration: p.duration,
            loop: p.loop,
            aspectRatio: p.aspectRatio,
            soundEffects: p.soundEffects,
          }}
        />
        <div className="border-t pt-4">
          <ProcessAgain team={slug} mediaId={media.id} blocked={blocked} />
        </div>
      </CardContent>
    </Card>
  );
}
