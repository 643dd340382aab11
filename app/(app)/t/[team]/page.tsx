import { Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireTeamPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Gallery" };

type Props = { params: Promise<{ team: string }> };

export default async function GalleryPage({ params }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeamPage(slug);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Gallery</h1>
          <p className="text-sm text-muted-foreground">Every video {team.name} has made.</p>
        </div>
        <Button asChild>
          <Link href={`/t/${team.slug}/create`}>
            <Sparkles className="size-4" /> New video
          </Link>
        </Button>
      </div>
      <EmptyState
        icon={Sparkles}
        title="No videos yet"
        description="Upload a photo, or two, or just write a prompt, and pick a motion. Your team will see it here as it renders."
        action={
          <Button asChild>
            <Link href={`/t/${team.slug}/create`}>Create your first video</Link>
          </Button>
        }
      />
    </div>
  );
}
