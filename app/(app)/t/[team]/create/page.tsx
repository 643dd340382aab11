import type { Metadata } from "next";
import { CreateForm } from "@/components/create/create-form";
import { ViewersCannotCreate } from "@/components/gallery/viewers-cannot-create";
import { requireTeamPage } from "@/lib/auth/session";
import { spendView } from "@/lib/billing/budget";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { loadCreateForm } from "@/lib/media/prefill";
import { canMake } from "@/lib/teams/service";
import { MAX_UPLOAD_LABEL } from "@/lib/uploads/limits";

export const metadata: Metadata = { title: "Create" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ remix?: string | string[] }> };

export default async function CreatePage({ params, searchParams }: Props) {
  const [{ team: slug }, sp] = await Promise.all([params, searchParams]);
  const { team, user } = await requireTeamPage(slug);
  // A viewer is in the team, so a 404 would hide nothing and read like a broken link: they are
  // told plainly what their role allows (the create action refuses them all the same).
  if (!canMake(team.role)) return <ViewersCannotCreate slug={team.slug} />;
  const remix = typeof sp.remix === "string" ? sp.remix : undefined;
  const [{ initial, videos, finishedCount }, spend] = await Promise.all([
    loadCreateForm(getDb(), team, remix),
    spendView(getDb(), team.id, user.id),
  ]);
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
        spend={spend}
      />
    </div>
  );
}
