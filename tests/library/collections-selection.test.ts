import { describe, expect, it } from "vitest";
import { clickCard, idsField, zipUrl } from "@/lib/library/selection";

// The gallery's selection (issue 12): click toggles, shift-click selects the range from the last
// card clicked, and the forms get the chosen ids in the page's order.

const order = ["a", "b", "c", "d", "e"];

describe("clickCard", () => {
  it("a click toggles one card and becomes the anchor", () => {
    const one = clickCard(order, new Set(), null, "b", false);
    expect([...one.selected]).toEqual(["b"]);
    expect(one.anchor).toBe("b");
    expect([...clickCard(order, one.selected, "b", "b", false).selected]).toEqual([]);
  });

  it("a shift-click selects from the anchor to the card, both ways, keeping what was chosen", () => {
    const down = clickCard(order, new Set(["b"]), "b", "d", true);
    expect(idsField(order, down.selected)).toBe("b,c,d");
    const up = clickCard(order, new Set(["e"]), "e", "c", true);
    expect(idsField(order, up.selected)).toBe("c,d,e");
    const kept = clickCard(order, new Set(["a", "d"]), "d", "e", true);
    expect(idsField(order, kept.selected)).toBe("a,d,e");
  });

  it("without an anchor on this page a shift-click is a plain click", () => {
    expect([...clickCard(order, new Set(), "gone", "c", true).selected]).toEqual(["c"]);
  });
});

it("idsField keeps the page's order and only ids shown; the ZIP posts to the team's route", () => {
  expect(idsField(order, new Set(["e", "a", "zz"]))).toBe("a,e");
  expect(zipUrl("my team")).toBe("/api/t/my%20team/media/zip");
});
