import { Eye } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { urls } from "@/lib/urls";

/** What a viewer sees at the Create page instead of the form: what they can do, and the way back. */
export function ViewersCannotCreate({ slug }: { slug: string }) {
  return (
    <EmptyState
      icon={Eye}
      headingLevel={2}
      title="Viewers can watch and download but not create"
      description="Your role in this team lets you watch and download its videos. Ask an owner or admin to make you a member to create videos."
      data-testid="viewer-cannot-create"
      action={
        <Button asChild variant="outline">
          <Link href={urls.team(slug)}>Go to the gallery</Link>
        </Button>
      }
    />
  );
}
