"use client";

import { Download, FolderMinus, FolderPlus, Star, StarOff, Trash2, X } from "lucide-react";
import dynamic from "next/dynamic";
import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { removeFromCollectionAction, setFavouriteAction } from "@/app/(app)/t/[team]/library-actions";
import { deleteMediaAction } from "@/app/(app)/t/[team]/trash/actions";
import { useSelection } from "@/components/gallery/gallery-selection";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";
import { idsField, zipUrl } from "@/lib/library/selection";
import { ConfirmButton } from "./confirm-button";

// The sticky bar over a gallery selection: what the viewer may do to the chosen videos. Each
// action is a small form posting "id1,id2"; the server applies its rights per video. The
// collection picker is loaded only when asked for.

const CollectionDialog = dynamic(() => import("./collection-dialog").then((m) => m.CollectionDialog));

type Choice = { value: string; label: string };
type Props = {
  team: string;
  canChange: boolean;
  collection: { id: string; name: string } | null;
  choices: Choice[];
};
type Outcome = { text: string; error: boolean } | null;
type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** A form's action whose outcome goes to the bar (and clears the selection when it worked). */
function useBulkAction(action: Action, report: (s: FormState) => void) {
  const [state, run, pending] = useActionState<FormState, FormData>(action, {});
  const latest = useRef(report);
  latest.current = report;
  useEffect(() => {
    if (state.ok !== undefined || state.error || state.fieldErrors) latest.current(state);
  }, [state]);
  return [run, pending] as const;
}

/** A button's words: read out everywhere, shown from small screens up (phones get the icons in one row). */
const Text = ({ children }: { children: ReactNode }) => <span className="sr-only sm:not-sr-only">{children}</span>;

const firstError = (s: FormState) => s.error ?? Object.values(s.fieldErrors ?? {})[0]?.[0] ?? "That didn't work.";

export function BulkBar({ team, canChange, collection, choices }: Props) {
  const sel = useSelection();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [adding, setAdding] = useState(false);
  const report = (s: FormState) => {
    setOutcome(s.ok ? { text: s.message ?? "Done.", error: false } : { text: firstError(s), error: true });
    if (s.ok) sel?.setAll(false);
  };
  const [trash, trashing] = useBulkAction(deleteMediaAction, report);
  const [star, starring] = useBulkAction(setFavouriteAction, report);
  const [unstar, unstarring] = useBulkAction(setFavouriteAction, report);
  const [remove, removing] = useBulkAction(removeFromCollectionAction, report);
  const deleteForm = useRef<HTMLFormElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  if (!sel) return null;
  const n = sel.selected.size;
  const ids = idsField(sel.order, sel.selected);
  if (n === 0 && !outcome) return null;
  const hidden = (
    <>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={ids} />
    </>
  );
  const videos = `${n} video${n === 1 ? "" : "s"}`;

  return (
    <div
      className="sticky bottom-3 z-30 mx-auto grid w-full max-w-4xl gap-2 rounded-xl border bg-background/95 p-2 shadow-lg backdrop-blur-sm sm:p-3"
      data-testid="selection-bar"
    >
      {outcome && (
        <p
          className={outcome.error ? "px-1 text-sm text-destructive" : "px-1 text-sm text-muted-foreground"}
          role={outcome.error ? "alert" : "status"}
        >
          {outcome.text}
        </p>
      )}
      {n > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="px-1 text-sm font-medium" data-testid="selection-count">
            {n} selected
          </span>
          <form action={star}>
            {hidden}
            <input type="hidden" name="on" value="1" />
            <Button type="submit" variant="outline" size="sm" disabled={starring}>
              <Star aria-hidden /> <Text>Favourite</Text>
            </Button>
          </form>
          <form action={unstar}>
            {hidden}
            <input type="hidden" name="on" value="0" />
            <Button type="submit" variant="outline" size="sm" disabled={unstarring}>
              <StarOff aria-hidden /> <Text>Unfavourite</Text>
            </Button>
          </form>
          {canChange && (
            <Button ref={addButton} type="button" variant="outline" size="sm" onClick={() => setAdding(true)}>
              <FolderPlus aria-hidden /> <Text>Add to collection</Text>
            </Button>
          )}
          {canChange && collection && (
            <form action={remove}>
              {hidden}
              <input type="hidden" name="collectionId" value={collection.id} />
              <Button type="submit" variant="outline" size="sm" disabled={removing}>
                <FolderMinus aria-hidden /> <Text>Remove from “{collection.name}”</Text>
              </Button>
            </form>
          )}
          {/* A plain POST: the browser saves the streamed ZIP itself, however large. */}
          <form method="post" action={zipUrl(team)}>
            <input type="hidden" name="ids" value={ids} />
            <Button type="submit" variant="outline" size="sm">
              <Download aria-hidden /> <Text>Download ZIP</Text>
            </Button>
          </form>
          {canChange && (
            <form ref={deleteForm} action={trash}>
              {hidden}
              <ConfirmButton
                form={deleteForm}
                pending={trashing}
                size="sm"
                label={
                  <>
                    <Trash2 aria-hidden /> <Text>Delete</Text>
                  </>
                }
                title={`Move ${videos} to the Trash?`}
                description={
                  <>
                    <p>
                      They leave the gallery and stay in the team's Trash for 30 days, where they can be restored. Only
                      videos you may delete move: your own, or any as an admin or owner.
                    </p>
                    <p>The videos stay in your Vimmerse account: Vimmerse offers no way to delete them from here.</p>
                  </>
                }
                confirm="Move to Trash"
              />
            </form>
          )}
          <Button
            type="button"
            variant="ghost"
            size="sm"
            className="ml-auto"
            onClick={() => {
              sel.setAll(false);
              setOutcome(null);
            }}
          >
            <X aria-hidden /> Clear
          </Button>
        </div>
      )}
      {n === 0 && (
        <Button type="button" variant="ghost" size="sm" className="w-fit" onClick={() => setOutcome(null)}>
          Dismiss
        </Button>
      )}
      {adding && (
        <CollectionDialog
          team={team}
          ids={ids}
          count={n}
          choices={choices}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            addButton.current?.focus();
          }}
          onClose={(s?: FormState) => {
            setAdding(false);
            if (s) report(s);
          }}
        />
      )}
    </div>
  );
}
