import { FolderOpen } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { CollectionItem } from "@/lib/library/collections";
import { CollectionActions } from "./collection-actions";

const videos = (n: number) => `${n} video${n === 1 ? "" : "s"}`;

/** The team's collections: each opens the gallery filtered by it; members rename and delete. */
export function CollectionList({
  team,
  items,
  canManage,
}: {
  team: string;
  items: CollectionItem[];
  canManage: boolean;
}) {
  if (items.length === 0) {
    return (
      <EmptyState
        icon={FolderOpen}
        className="border-0"
        title="No collections yet"
        description={
          canManage
            ? "Create one above, then add videos to it from the gallery (tick them) or from a video's page."
            : "When your team files videos in collections, you will find them here."
        }
      />
    );
  }
  return (
    <ul className="divide-y" aria-label="Collections">
      {items.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-3 px-2 py-3" data-testid="collection-row">
          <FolderOpen className="size-5 shrink-0 text-muted-foreground" aria-hidden />
          <div className="grid min-w-0 flex-1 gap-0.5">
            <Link href={c.href} className="truncate font-medium hover:underline">
              {c.name}
            </Link>
            <span className="text-xs text-muted-foreground">{videos(c.count)}</span>
          </div>
          {canManage && <CollectionActions team={team} id={c.id} name={c.name} canDelete={c.canDelete} />}
        </li>
      ))}
    </ul>
  );
}
