"use client";

import { Star } from "lucide-react";
import { useActionState } from "react";
import { setFavouriteAction } from "@/app/(app)/t/[team]/library-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FavouriteResult } from "@/lib/library/favourites";
import { cn } from "@/lib/utils";

/** The media page's star: the viewer's own favourite, for every role. */
export function FavouriteButton({ team, mediaId, on }: { team: string; mediaId: string; on: boolean }) {
  const [state, action, pending] = useActionState<FavouriteResult, FormData>(setFavouriteAction, {});
  // While the click is on its way, show where it is going.
  const shown = pending ? !on : on;
  return (
    <form action={action} className="grid justify-items-end gap-2">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="ids" value={mediaId} />
      <input type="hidden" name="on" value={on ? "0" : "1"} />
      <Button type="submit" variant="outline" aria-pressed={shown} disabled={pending} data-testid="favourite-button">
        <Star className={cn(shown && "fill-amber-400 text-amber-500")} aria-hidden />
        {shown ? "Favourite" : "Add to favourites"}
      </Button>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
