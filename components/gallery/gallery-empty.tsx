import { Film, Sparkles } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { urls } from "@/lib/urls";

export function NoVideosYet({ slug, canCreate }: { slug: string; canCreate: boolean }) {
  // A viewer waits for the team's videos; only members and above are offered the Create page.
  if (!canCreate) {
    return (
      <EmptyState
        icon={Film}
        title="No videos yet"
        description="When your team makes a video, you will see it here and can watch and download it."
      />
    );
  }
  return (
    <EmptyState
      icon={Sparkles}
      title="No videos yet"
      description="Upload a photo, or two, or just write a prompt, and pick a motion. Your team will see it here as it renders."
      action={
        <Button asChild>
          <Link href={urls.create(slug)}>Create your first video</Link>
        </Button>
      }
    />
  );
}
