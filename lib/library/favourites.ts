import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { addFavourites, favouritedAmong, removeFavourites } from "@/db/queries/favourites";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import type { Actor } from "@/lib/teams/service";
import { idsSchema } from "./trash";

// A member's own favourites among the team's media. They change nothing anyone else sees, so
// every role may keep them, viewers included: starring is watching, not changing. Trashed media
// cannot be starred (they are out of every list until restored).

export const favouriteSchema = idsSchema.extend({
  on: z.enum(["1", "0"], { error: "Choose Favourite or Unfavourite." }).transform((v) => v === "1"),
});

export const CANNOT_STAR = "That video doesn't exist or is in the Trash.";
export const NOT_STARRED = "That video is not among your favourites.";

export type FavouriteResult = FormState & { ids?: string[]; on?: boolean };

const plural = (n: number) => `${n} video${n === 1 ? "" : "s"}`;

export async function setFavouriteAs(db: DbOrTx, actor: Actor, input: unknown): Promise<FavouriteResult> {
  const parsed = favouriteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { ids, on } = parsed.data;
  const changed = on
    ? await addFavourites(db, actor.teamId, actor.userId, ids)
    : await removeFavourites(db, actor.teamId, actor.userId, ids);
  if (changed.length === 0) {
    // Starred already (a second click, another tab) is the state asked for, not an error.
    if (on && (await favouritedAmong(db, actor.teamId, actor.userId, ids)).size === ids.length)
      return { ok: true, message: "Already in your favourites.", ids, on };
    if (!on)
      return { ok: false, error: ids.length === 1 ? NOT_STARRED : "None of these videos is among your favourites." };
    return {
      ok: false,
      error: ids.length === 1 ? CANNOT_STAR : "None of these videos can be starred: unknown or in the Trash.",
    };
  }
  const verb = on ? "added to" : "removed from";
  const skipped = ids.length - changed.length;
  return {
    ok: true,
    message: `${plural(changed.length)} ${verb} your favourites${skipped ? `; ${plural(skipped)} unchanged` : ""}.`,
    ids: changed,
    on,
  };
}

export async function isFavourite(db: DbOrTx, actor: Actor, mediaId: string): Promise<boolean> {
  return (await favouritedAmong(db, actor.teamId, actor.userId, [mediaId])).has(mediaId);
}
