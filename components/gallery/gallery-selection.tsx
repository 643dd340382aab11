"use client";

import { createContext, useContext, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { clickCard } from "@/lib/library/selection";
import { cn } from "@/lib/utils";

// The gallery's selection: which cards of this page are chosen. Cards stay as they are; each
// reads the context for its checkbox, and the bar acts on the chosen ids.

type Selection = {
  order: readonly string[];
  selected: ReadonlySet<string>;
  click: (id: string, shift: boolean) => void;
  setAll: (on: boolean) => void;
};

const SelectionContext = createContext<Selection | null>(null);

export const useSelection = () => useContext(SelectionContext);

export function SelectionProvider({ ids, children }: { ids: readonly string[]; children: React.ReactNode }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  // After a refresh (a delete, the next page) only the ids still shown stay chosen.
  const selected = useMemo(() => new Set(ids.filter((id) => chosen.has(id))), [ids, chosen]);
  const value = useMemo<Selection>(
    () => ({
      order: ids,
      selected,
      click: (id, shift) => {
        const next = clickCard(ids, selected, anchor, id, shift);
        setChosen(next.selected);
        setAnchor(next.anchor);
      },
      setAll: (on) => {
        setChosen(new Set(on ? ids : []));
        setAnchor(null);
      },
    }),
    [ids, selected, anchor],
  );
  return <SelectionContext value={value}>{children}</SelectionContext>;
}

/** A card's checkbox; shift-click chooses the range from the last card clicked. */
export function CardCheckbox({ id, title }: { id: string; title: string }) {
  const sel = useSelection();
  if (!sel) return null;
  const checked = sel.selected.has(id);
  return (
    <label className={cn("mc-check", !checked && sel.selected.size === 0 && "mc-check-idle")}>
      <input
        type="checkbox"
        checked={checked}
        onChange={() => {}}
        onClick={(e) => sel.click(id, e.shiftKey)}
        aria-label={`Select ${title || "Untitled video"}`}
        data-testid="card-select"
      />
    </label>
  );
}

/** "Select all on this page" / "Clear selection", above the grid. */
export function SelectAll() {
  const sel = useSelection();
  if (!sel || sel.order.length === 0) return null;
  const all = sel.selected.size === sel.order.length;
  return (
    <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
      <span aria-live="polite">
        {sel.selected.size > 0
          ? `${sel.selected.size} of ${sel.order.length} selected`
          : "Tick videos to act on several at once."}
      </span>
      <Button type="button" variant="ghost" size="sm" onClick={() => sel.setAll(!all)}>
        {all ? "Clear selection" : "Select all on this page"}
      </Button>
    </div>
  );
}
