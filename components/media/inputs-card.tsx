import { Film, Link2 } from "lucide-react";
import Link from "next/link";
import { type CreateParams, isUploadRef } from "@/lib/media/create-schema";
import { paramRows } from "@/lib/media/describe";
import { urls } from "@/lib/urls";
import { variantLabel } from "./variant-players";

// What the video was made from: the pictures (the team's uploads or links) and every setting.

const SLOTS: [keyof CreateParams, string][] = [
  ["firstImage", "First frame"],
  ["lastImage", "Last frame"],
  ["personImage", "Person"],
  ["garmentImage", "Garment"],
];

/** The team's video this one continues (extend_video), when it is still there to link to. */
export type SourceVideo = { href: string; title: string; variantKey: string };

export function InputsCard({
  team,
  params,
  source,
}: {
  team: string;
  params: CreateParams;
  source?: SourceVideo | null;
}) {
  const images = SLOTS.map(([k, label]) => [label, params[k]] as const).filter(
    (x): x is readonly [string, string] => typeof x[1] === "string" && x[1] !== "",
  );
  return (
    <div className="grid gap-4" data-testid="inputs">
      {images.length > 0 && (
        <div className="grid grid-cols-2 gap-3">
          {images.map(([label, ref]) => (
            <figure key={label} className="grid gap-1">
              {isUploadRef(ref) ? (
                // The thumbnail shows; the whole upload (what Vimmerse was sent) opens on a click.
                <a href={urls.upload(team, ref)} target="_blank" rel="noopener" className="block">
                  {/* biome-ignore lint/performance/noImgElement: the team's private upload, streamed by the app */}
                  <img
                    src={urls.uploadThumbnail(team, ref)}
                    alt={label}
                    width={480}
                    height={480}
                    className="aspect-square w-full rounded-md border bg-muted object-cover"
                  />
                </a>
              ) : (
                <a
                  href={ref}
                  target="_blank"
                  rel="noreferrer noopener"
                  className="flex aspect-square items-center justify-center gap-1 rounded-md border bg-muted p-2 text-xs break-all text-primary underline-offset-2 hover:underline"
                >
                  <Link2 className="size-3 shrink-0" aria-hidden /> {ref}
                </a>
              )}
              <figcaption className="text-xs text-muted-foreground">{label}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {params.videoAssetId &&
        (source ? (
          <p className="flex items-center gap-1.5 text-sm" data-testid="source-video">
            <Film className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="min-w-0">
              Continues{" "}
              <Link href={source.href} className="font-medium text-primary underline-offset-2 hover:underline">
                {source.title || "Untitled video"}
              </Link>{" "}
              <span className="text-muted-foreground">({variantLabel(source.variantKey)})</span>
            </span>
          </p>
        ) : (
          <p className="text-sm text-muted-foreground">
            Continues one of the team&apos;s videos that is no longer available.
          </p>
        ))}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {paramRows(params).map(([label, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, never-reordered list whose labels may repeat
          <div key={`${label}-${i}`} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
