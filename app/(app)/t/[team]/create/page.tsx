import type { Metadata } from "next";
import { CreateForm } from "@/components/create/create-form";
import type { VideoOption } from "@/components/create/types";
import { getDb } from "@/db/client";
import { countFinishedMedia, listExtendableVideos } from "@/db/queries/media-create";
import { requireTeamPage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";
import { initialFor } from "./prefill";

export const metadata: Metadata = { title: "Create" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ remix?: string | string[] }> };

export default async function CreatePage({ params, searchParams }: Props) {
  const [{ team: slug }, sp] = await Promise.all([params, searchParams]);
  const { team } = await requireTeamPage(slug);
  const db = getDb();
  const [assets, finishedCount] = await Promise.all([listExtendableVideos(db, team.id), countFinishedMedia(db, team.id)]);
  const videos: VideoOption[] = assets.map((a) => ({
    assetId: a.assetId,
    mediaId: a.mediaId,
    title: a.title,
    variantKey: a.variantKey,
    createdAt: a.createdAt.toISOString(),
  }));
  const remix = typeof sp.remix === "string" ? sp.remix : undefined;
  const initial = await initialFor(db, team, remix, videos);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Create a video</h1>
        <p className="text-sm text-muted-foreground">
          Start from photos (PNG, JPEG or WebP, up to {MAX_UPLOAD_LABEL} each), a prompt, or one of {team.name}&apos;s videos.
        </p>
      </div>
      <CreateForm
        // A new key per render: a fresh form is a new video, a resent one is the same video.
        key={remix ?? "new"}
        team={team.slug}
        idempotencyKey={crypto.randomUUID()}
        uploadPath={env().UPLOADTHING_TOKEN ? "uploadthing" : "local"}
        initial={initial}
        videos={videos}
        finishedCount={finishedCount}
      />
    </div>
  );
}
