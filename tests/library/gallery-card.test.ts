import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SelectionProvider } from "@/components/gallery/gallery-selection";
import { MediaCard } from "@/components/gallery/media-card";
import type { CardData } from "@/lib/media/gallery-cards";

// The gallery's card: 24 of them per page, so what each one writes into the HTML is the page's cost.

const id = "0b5c6a54-8f6e-4c1e-9d2a-3b7a1c0e9f11";
const card = (over: Partial<CardData> = {}): CardData => ({
  id,
  href: `/t/acme/media/${id}`,
  title: "Harbour at dusk",
  motionLabel: "Parallax",
  creator: "Ada Lovelace",
  createdAt: "2026-11-30T10:00:00.000Z",
  posterUrl: `/api/t/acme/media/${id}/assets/5d1f0e7a-2c4b-4b8e-a1f3-9e6d7c8b5a40`,
  videoUrl: `/api/t/acme/media/${id}/assets/7a2e9c1d-3f5b-4d6a-8e0c-1b2a3c4d5e6f`,
  inputUrl: null,
  live: { id, status: "success", progress: 100, ready: true },
  favourite: false,
  ...over,
});
// createElement's types ask for children among the props, though they come as its third argument.
const selection = (ids: string[]) => ({ ids, children: null }) as Parameters<typeof SelectionProvider>[0];
const render = (c: CardData) =>
  renderToStaticMarkup(createElement(SelectionProvider, selection([c.id]), createElement(MediaCard, { card: c })));

describe("gallery card", () => {
  it("titles each card with an h2, the level under the page's h1 (heading order)", () => {
    const html = render(card());
    expect(html).toMatch(/<h2[^>]*><span[^>]*>Harbour at dusk<\/span><\/h2>/);
    expect(html).not.toContain("<h3");
  });

  it("keeps the parts the gallery's tests and its users rely on", () => {
    const html = render(card({ favourite: true }));
    for (const part of [
      'data-testid="media-card"',
      `data-media-id="${id}"`,
      'data-testid="card-select"',
      'aria-label="Select Harbour at dusk"',
      'aria-label="Play preview"',
      'data-testid="status-badge"',
      'data-testid="card-favourite"',
      'aria-label="Harbour at dusk"',
    ]) {
      expect(html).toContain(part);
    }
  });

  it("refers to the page's icon symbols instead of repeating their SVG, and names its classes once", () => {
    const html = render(card());
    expect(html).toContain('<use href="#ci-play">');
    expect(html).not.toContain("<path");
    // The card as it was (Tailwind classes spelled out, inline icons) took 3.4 kB; 24 per page.
    expect(html.length).toBeLessThan(2600);
  });

  it("shows a failed card's warning from the shared symbol", () => {
    const html = render(
      card({ posterUrl: null, videoUrl: null, live: { id, status: "fail", progress: 0, ready: false } }),
    );
    expect(html).toContain('href="#ci-alert"');
    expect(html).not.toContain("Play preview");
  });
});

describe("status colours", () => {
  // sRGB of an oklch colour, and WCAG's contrast of it over its own 15% tint on white (the badge).
  const srgb = (L: number, C: number, h: number) => {
    const a = C * Math.cos((h * Math.PI) / 180);
    const b = C * Math.sin((h * Math.PI) / 180);
    const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
    return [
      4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
      -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
      -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
    ].map((x) => Math.min(1, Math.max(0, x)));
  };
  const encode = (x: number) => (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055);
  const decode = (x: number) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
  const luminance = (c: number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;

  it("gives the Ready badge's text a margin over 4.5:1 on its tint (Lighthouse failed it at 4.50)", () => {
    const css = readFileSync("app/globals.css", "utf8");
    const [, L, C, h] = css.match(/--success: oklch\(([\d.]+) ([\d.]+) ([\d.]+)\)/)!.map(Number);
    const text = srgb(L!, C!, h!);
    const tint = text.map((x) => decode(0.15 * encode(x) + 0.85));
    const ratio = (luminance(tint) + 0.05) / (luminance(text) + 0.05);
    expect(ratio).toBeGreaterThan(4.8);
  });
});
