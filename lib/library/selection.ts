// The gallery's selection of cards, as plain functions (client-safe): what a click, a
// shift-click and "Select all on this page" do, and how the chosen ids reach the forms.

/** Where "Download ZIP" posts its `ids` (the route streams one ZIP of the chosen videos). */
export const zipUrl = (slug: string) => `/api/t/${encodeURIComponent(slug)}/media/zip`;

/**
 * A click toggles one card and makes it the anchor; a shift-click selects every card between the
 * anchor and it, both included, in the page's order (as file managers do). Without an anchor on
 * this page a shift-click is a plain click.
 */
export function clickCard(
  order: readonly string[],
  selected: ReadonlySet<string>,
  anchor: string | null,
  id: string,
  shift: boolean,
): { selected: Set<string>; anchor: string } {
  const next = new Set(selected);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(order[i]!);
  } else if (next.has(id)) next.delete(id);
  else next.add(id);
  return { selected: next, anchor: id };
}

/** The chosen ids in the page's order, as the forms send them: "id1,id2". */
export const idsField = (order: readonly string[], selected: ReadonlySet<string>) =>
  order.filter((id) => selected.has(id)).join(",");
