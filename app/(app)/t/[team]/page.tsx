import { ArrowLeft, ArrowRight, SearchX, Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { motionLabel, toCards } from "@/components/gallery/card-data";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { MediaCard } from "@/components/gallery/media-card";
import { LiveStatusProvider } from "@/components/media/live-status";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { decodeCursor, FILTER_WINDOW, listCardAssets, listGalleryPage, STATUS_GROUPS, type StatusGroup } from "@/db/queries/media-list";
import { listMembers } from "@/db/queries/teams";
import { requireTeamPage } from "@/lib/auth/session";
import { MOTION_TYPES } from "@/lib/media/motions";

export const metadata: Metadata = { title: "Gallery" };

const PAGE_SIZE = 24;

// Filters come from the URL; a value that is not one we offer is ignored rather than an error.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const searchSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100).optional()).catch(undefined),
  status: z.preprocess(first, z.enum(Object.keys(STATUS_GROUPS) as [StatusGroup, ...StatusGroup[]]).optional()).catch(undefined),
  motion: z.preprocess(first, z.enum(MOTION_TYPES).optional()).catch(undefined),
  creator: z.preprocess(first, z.string().max(100).optional()).catch(undefined),
  sort: z.preprocess(first, z.enum(["newest", "oldest"]).default("newest")).catch("newest"),
  cursor: z.preprocess(first, z.string().max(200).optional()).catch(undefined),
});

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GalleryPage({ params, searchParams }: Props) {
  const [{ team: slug }, raw] = await Promise.all([params, searchParams]);
  const { team } = await requireTeamPage(slug);
  const sp = searchSchema.parse(raw);
  const db = getDb();
  const filters = { status: sp.status, motionType: sp.motion, creator: sp.creator, q: sp.q || undefined, sort: sp.sort };
  const cursor = decodeCursor(sp.cursor);
  const [page, members] = await Promise.all([listGalleryPage(db, team.id, filters, cursor, PAGE_SIZE), listMembers(db, team.id)]);
  const cards = toCards(team.slug, page.rows, await listCardAssets(db, team.id, page.rows.map((r) => r.id)));
  const filtered = Boolean(filters.status || filters.motionType || filters.creator || filters.q);
  const base = `/t/${team.slug}`;
  const withCursor = (c: string | null) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: sp.q, status: sp.status, motion: sp.motion, creator: sp.creator, sort: sp.sort === "oldest" ? "oldest" : undefined, cursor: c ?? undefined })) {
      if (v) q.set(k, v);
    }
    return q.size ? `${base}?${q}` : base;
  };

  const header = (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Gallery</h1>
        <p className="text-sm text-muted-foreground">Every video {team.name} has made.</p>
      </div>
      <Button asChild>
        <Link href={`${base}/create`}>
          <Sparkles className="size-4" /> New video
        </Link>
      </Button>
    </div>
  );

  if (cards.length === 0 && !filtered && !cursor) {
    return (
      <div className="grid gap-6">
        {header}
        <EmptyState
          icon={Sparkles}
          title="No videos yet"
          description="Upload a photo, or two, or just write a prompt, and pick a motion. Your team will see it here as it renders."
          action={
            <Button asChild>
              <Link href={`${base}/create`}>Create your first video</Link>
            </Button>
          }
        />
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      {header}
      <GalleryFilters
        values={{ q: sp.q ?? "", status: sp.status ?? "", motion: sp.motion ?? "", creator: sp.creator ?? "", sort: sp.sort }}
        options={{
          motions: MOTION_TYPES.map((m) => ({ value: m, label: motionLabel(m) })),
          creators: members.map((m) => ({ value: m.userId, label: m.name ?? m.email ?? "Member" })),
        }}
      />
      {cards.length === 0 && !page.next ? (
        <EmptyState
          icon={SearchX}
          title={cursor ? "No more videos" : "No videos match"}
          description={cursor ? "You have reached the end of the gallery." : "Try another search or fewer filters."}
          action={
            <Button asChild variant="outline">
              <Link href={cursor ? withCursor(null) : base}>{cursor ? "Back to the first page" : "Clear filters"}</Link>
            </Button>
          }
        />
      ) : cards.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title="No matches in this stretch"
          description={`None of the next ${FILTER_WINDOW.toLocaleString("en")} videos match. Keep looking further back, or change the filters.`}
          action={
            <Button asChild variant="outline">
              <Link href={withCursor(page.next)}>Keep looking</Link>
            </Button>
          }
        />
      ) : (
        <LiveStatusProvider team={team.slug} items={cards.map((c) => c.live)}>
          <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label="Videos">
            {cards.map((card) => (
              <li key={card.id}>
                <MediaCard card={card} />
              </li>
            ))}
          </ul>
        </LiveStatusProvider>
      )}
      {(cursor || page.next) && (
        <nav className="flex items-center justify-between gap-3" aria-label="Pages">
          {cursor ? (
            <Button asChild variant="ghost">
              <Link href={withCursor(null)}>
                <ArrowLeft aria-hidden /> {sp.sort === "oldest" ? "Back to the oldest" : "Back to the newest"}
              </Link>
            </Button>
          ) : (
            <span />
          )}
          {page.next && cards.length > 0 && (
            <Button asChild variant="outline">
              <Link href={withCursor(page.next)} data-testid="next-page">
                {page.partial ? "Keep looking" : sp.sort === "oldest" ? "Newer videos" : "Older videos"} <ArrowRight aria-hidden />
              </Link>
            </Button>
          )}
        </nav>
      )}
    </div>
  );
}
