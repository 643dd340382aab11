"use server";

import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import {
  addToCollectionAs,
  COLLECTIONS_REFUSAL,
  type CollectionResult,
  createCollectionAs,
  deleteCollectionAs,
  removeFromCollectionAs,
  renameCollectionAs,
} from "@/lib/library/collections";
import { type FavouriteResult, setFavouriteAs } from "@/lib/library/favourites";

// Collections and favourites, from the collections page, the gallery's selection bar and a
// media page. The door checks the team and the least role; lib/library parses each form with
// its own zod schema and applies the finer rights (who may delete a collection).

const fields = z.record(z.string(), z.string());
const db = () => getDb();
const manage = { min: "member", schema: fields, roleError: COLLECTIONS_REFUSAL } as const;

export const createCollectionAction = teamAction<typeof fields, CollectionResult>(
  { ...manage, echo: ["name"] },
  async (ctx, input) => createCollectionAs(db(), ctx.actor, input),
);

export const renameCollectionAction = teamAction<typeof fields, CollectionResult>(
  { ...manage, echo: ["name"] },
  async (ctx, input) => renameCollectionAs(db(), ctx.actor, input),
);

export const deleteCollectionAction = teamAction<typeof fields, CollectionResult>(manage, async (ctx, input) =>
  deleteCollectionAs(db(), ctx.actor, input),
);

export const addToCollectionAction = teamAction<typeof fields, CollectionResult>(manage, async (ctx, input) =>
  addToCollectionAs(db(), ctx.actor, input),
);

export const removeFromCollectionAction = teamAction<typeof fields, CollectionResult>(manage, async (ctx, input) =>
  removeFromCollectionAs(db(), ctx.actor, input),
);

/** Every role: a favourite is the viewer's own and changes nothing the team sees. */
export const setFavouriteAction = teamAction<typeof fields, FavouriteResult>(
  { min: "viewer", schema: fields },
  async (ctx, input) => setFavouriteAs(db(), ctx.actor, input),
);
