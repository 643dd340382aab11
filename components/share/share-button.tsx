import { getDb } from "@/lib/db";
import { loadShareView } from "@/lib/share/manage";
import { ShareTrigger } from "./share-trigger";

// The media page's Share button, for members and up (the page leaves it out for viewers). It
// reads the links itself so the page needs one line for it.

export async function ShareButton({ team, mediaId }: { team: { id: string; slug: string }; mediaId: string }) {
  const view = await loadShareView(getDb(), team.id, mediaId);
  if (!view) return null;
  return <ShareTrigger team={team.slug} mediaId={mediaId} shareable={view.shareable} links={view.links} />;
}
