import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MediaCard } from "@/components/gallery/media-card";
import type { CardData } from "@/lib/media/gallery-cards";

// The gallery's first row is in view on arrival: its posters are the page's largest paint and
// must not wait for the lazy-loading heuristics; every card below loads only when scrolled to.

const card: CardData = {
  id: "00000000-0000-4000-8000-000000000001",
  href: "/t/team/media/00000000-0000-4000-8000-000000000001",
  title: "Harbour",
  motionLabel: "Parallax",
  creator: "Ada",
  createdAt: "2026-12-03T10:00:00.000Z",
  posterUrl: "/api/t/team/media/1/assets/2",
  videoUrl: "/api/t/team/media/1/assets/3",
  inputUrl: null,
  live: { id: "00000000-0000-4000-8000-000000000001", status: "success", progress: 100, ready: true },
  favourite: false,
};

const img = (html: string) => html.match(/<img [^>]*>/)?.[0] ?? "";

describe("a gallery card's poster", () => {
  it("in the first row loads at once, at high priority", () => {
    const tag = img(renderToStaticMarkup(createElement(MediaCard, { card, firstRow: true })));
    expect(tag).toContain('loading="eager"');
    expect(tag).toContain('fetchPriority="high"');
  });

  it("below the first row loads when scrolled to", () => {
    const tag = img(renderToStaticMarkup(createElement(MediaCard, { card })));
    expect(tag).toContain('loading="lazy"');
    expect(tag).not.toContain("fetchPriority");
  });
});
