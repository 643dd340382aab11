import type { Metadata } from "next";
import { CreateForm } from "@/components/create/create-form";
import { requireTeamPage } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { loadCreateForm } from "@/lib/media/prefill";
import { MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";

export const metadata: Metadata = { title: "Create" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ remix?: string | string[] }> };

export default async function CreatePage({ params, searchParams }: Props) {
  const [{ team: slug }, sp] = await Promise.all([params, searchParams]);
  const { team } = await requireTeamPage(slug);
  const remix = typeof sp.remix === "string" ? sp.remix : undefined;
  const { initial, videos, finishedCount } = await loadCreateForm(getDb(), team, remix);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Create a video</h1>
        <p className="text-sm text-muted-foreground">
          Start from photos (PNG, JPEG or WebP, up to {MAX_UPLOAD_LABEL} each), a prompt, or one of {team.name}&apos;s
          videos.
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
