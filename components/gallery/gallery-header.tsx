import { Sparkles } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { urls } from "@/lib/urls";

type Props = { slug: string; teamName: string; canCreate: boolean };

export function GalleryHeader({ slug, teamName, canCreate }: Props) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Gallery</h1>
        <p className="text-sm text-muted-foreground">Every video {teamName} has made.</p>
      </div>
      {canCreate && (
        <Button asChild>
          <Link href={urls.create(slug)}>
            <Sparkles className="size-4" /> New video
          </Link>
        </Button>
      )}
    </div>
  );
}
