import { DetailsForm } from "@/components/media/details-form";
import { InputsCard } from "@/components/media/inputs-card";
import { ProcessAgain, ResubmitForm } from "@/components/media/regenerate";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SpendView } from "@/lib/billing/spend-view";
import type { MediaDetail } from "@/lib/media/detail";
import { VISIBILITIES } from "@/lib/media/motions";

type Props = { slug: string; detail: MediaDetail; canChange: boolean; spend?: SpendView };

/** `canChange`: false for a viewer, who reads the details and is offered nothing that edits or spends. */
export function MediaSidebar({ slug, detail, canChange, spend }: Props) {
  return (
    <div className="grid content-start gap-6">
      {canChange ? (
        <>
          <DetailsCard slug={slug} media={detail.media} />
          <RenderAgainCard slug={slug} detail={detail} spend={spend} />
        </>
      ) : (
        <ReadOnlyDetails media={detail.media} />
      )}
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

function ReadOnlyDetails({ media }: { media: MediaDetail["media"] }) {
  const visibility = VISIBILITIES.find((v) => v.id === media.visibility)?.label ?? "Private";
  return (
    <Card data-testid="details-read-only">
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {media.description && <p className="whitespace-pre-wrap">{media.description}</p>}
        <p className="text-muted-foreground">
          {media.rating ? `Rated ${"★".repeat(Number(media.rating))}` : "Not rated"} · {visibility}
        </p>
      </CardContent>
    </Card>
  );
}

function RenderAgainCard({ slug, detail, spend }: { slug: string; detail: MediaDetail; spend?: SpendView }) {
  const { media, params: p, blocked, motions } = detail;
  const values = {
    motionType: p.motionType,
    prompt: p.prompt,
    quantity: p.quantity,
    duration: p.duration,
    loop: p.loop,
    aspectRatio: p.aspectRatio,
    soundEffects: p.soundEffects,
  };
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
          values={values}
          spend={spend}
        />
        <div className="border-t pt-4">
          <ProcessAgain team={slug} mediaId={media.id} blocked={blocked} values={values} spend={spend} />
        </div>
      </CardContent>
    </Card>
  );
}
