import { Trash2 } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TrashView } from "@/lib/library/trash-view";
import { DeleteForever } from "./delete-forever";
import { RestoreButton } from "./restore-button";

const left = (days: number) => (days === 0 ? "Any time now" : `${days} day${days === 1 ? "" : "s"}`);

/** The team's Trash: who deleted what and when, how long it stays, and what may be done. */
export function TrashList({ slug, view }: { slug: string; view: TrashView }) {
  if (view.items.length === 0) {
    return (
      <EmptyState
        icon={Trash2}
        title="The Trash is empty"
        description="Deleted videos wait here for 30 days before they are deleted for good."
      />
    );
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Video</TableHead>
          <TableHead>Deleted by</TableHead>
          <TableHead>Deleted</TableHead>
          <TableHead>Days left</TableHead>
          <TableHead className="sr-only">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {view.items.map((item) => (
          <TableRow key={item.id} data-testid="trash-row">
            <TableCell>
              <Link href={item.href} className="font-medium hover:underline">
                {item.title}
              </Link>
              <div className="text-xs text-muted-foreground">{item.motion}</div>
            </TableCell>
            <TableCell>{item.deletedBy}</TableCell>
            <TableCell>
              <LocalTime date={item.deletedAt} style="dateTime" />
            </TableCell>
            <TableCell title={`Purged on ${item.purgeAt.slice(0, 10)}`}>{left(item.daysLeft)}</TableCell>
            <TableCell>
              <div className="flex flex-wrap items-start justify-end gap-2">
                {item.canRestore && <RestoreButton team={slug} mediaId={item.id} title={item.title} />}
                {view.canDeleteForever && <DeleteForever team={slug} mediaId={item.id} title={item.title} />}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
