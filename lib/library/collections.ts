import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import {
  addToCollection,
  collectionsOfMedia,
  deleteCollection,
  findCollectionByName,
  getCollection,
  insertCollection,
  listCollectionNames,
  listCollections,
  removeFromCollection,
  renameCollection,
} from "@/db/queries/collections";
import { type FormState, fieldErrorsOf } from "@/lib/form-state";
import { type Actor, atLeast, canMake, mayDeleteWhatTheyMade } from "@/lib/teams/service";
import { urls } from "@/lib/urls";
import { idsSchema } from "./trash";

// A team's collections: named sets of its media (a campaign, a client). Members and above create,
// rename and fill them: they are the team's shared filing, like the media themselves. Deleting one
// throws away someone's filing for everyone, so it is its creator's, an admin's or an owner's call
// (the media stay: only the set goes). Viewers see collections and filter by them.

export const NAME_MAX = 80;
export const COLLECTION_MISSING = "That collection doesn't exist.";
export const NAME_TAKEN = "This team already has a collection of that name.";
export const COLLECTIONS_REFUSAL = "Viewers can watch, download and favourite videos, but not change collections.";
export const DELETE_REFUSAL = "Only the collection's creator, admins and owners can delete it.";

export const collectionsUrl = (slug: string) => `${urls.team(slug)}/collections`;
export const collectionGalleryUrl = (slug: string, id: string) =>
  `${urls.team(slug)}?collection=${encodeURIComponent(id)}`;

export const canManageCollections = (role: Actor["role"]) => canMake(role);
export const canDeleteCollection = mayDeleteWhatTheyMade;

const name = z.preprocess(
  (v) => v ?? "",
  z
    .string()
    .trim()
    .min(1, "Name the collection.")
    .max(NAME_MAX, `A collection's name can be at most ${NAME_MAX} characters.`),
);
const collectionId = z.preprocess((v) => v ?? "", z.string().trim().pipe(z.uuid(COLLECTION_MISSING)));

export const createCollectionSchema = z.object({ name });
export const renameCollectionSchema = z.object({ collectionId, name });
export const deleteCollectionSchema = z.object({ collectionId });
/** Add the chosen videos to a collection: one chosen from the list, or a new one named here. */
export const addToCollectionSchema = idsSchema.extend({
  collectionId: z.preprocess((v) => (v === "" || v === "new" ? undefined : v), collectionId.optional()),
  name: z.preprocess((v) => (v === "" ? undefined : v), name.optional()),
});
export const removeFromCollectionSchema = idsSchema.extend({ collectionId });

export type CollectionResult = FormState & { ids?: string[]; collection?: { id: string; name: string } };

const plural = (n: number) => `${n} video${n === 1 ? "" : "s"}`;
const refuse = (error: string): CollectionResult => ({ ok: false, error });
const fields = (error: z.ZodError): CollectionResult => ({ ok: false, fieldErrors: fieldErrorsOf(error) });

export async function createCollectionAs(db: DbOrTx, actor: Actor, input: unknown): Promise<CollectionResult> {
  if (!canManageCollections(actor.role)) return refuse(COLLECTIONS_REFUSAL);
  const parsed = createCollectionSchema.safeParse(input);
  if (!parsed.success) return fields(parsed.error);
  const made = await insertCollection(db, { teamId: actor.teamId, name: parsed.data.name, createdBy: actor.userId });
  if (!made) return { ok: false, fieldErrors: { name: [NAME_TAKEN] } };
  return { ok: true, message: `Collection “${made.name}” created.`, collection: { id: made.id, name: made.name } };
}

export async function renameCollectionAs(db: DbOrTx, actor: Actor, input: unknown): Promise<CollectionResult> {
  if (!canManageCollections(actor.role)) return refuse(COLLECTIONS_REFUSAL);
  const parsed = renameCollectionSchema.safeParse(input);
  if (!parsed.success) return fields(parsed.error);
  const { collectionId: id, name: to } = parsed.data;
  const outcome = await renameCollection(db, actor.teamId, id, to);
  if (outcome === "missing") return refuse(COLLECTION_MISSING);
  if (outcome === "taken") return { ok: false, fieldErrors: { name: [NAME_TAKEN] } };
  return { ok: true, message: `Renamed to “${to}”.`, collection: { id, name: to } };
}

export async function deleteCollectionAs(db: DbOrTx, actor: Actor, input: unknown): Promise<CollectionResult> {
  if (!canManageCollections(actor.role)) return refuse(COLLECTIONS_REFUSAL);
  const parsed = deleteCollectionSchema.safeParse(input);
  if (!parsed.success) return refuse(COLLECTION_MISSING);
  const found = await getCollection(db, actor.teamId, parsed.data.collectionId);
  if (!found) return refuse(COLLECTION_MISSING);
  if (!canDeleteCollection(actor, found.createdBy)) return refuse(DELETE_REFUSAL);
  const own = atLeast(actor.role, "admin") ? undefined : actor.userId;
  if (!(await deleteCollection(db, actor.teamId, found.id, own))) return refuse(COLLECTION_MISSING);
  return { ok: true, message: `Collection “${found.name}” deleted; its videos stay in the gallery.` };
}

/** Into a chosen collection, or a new one by name (an existing name is that collection). */
export async function addToCollectionAs(db: DbOrTx, actor: Actor, input: unknown): Promise<CollectionResult> {
  if (!canManageCollections(actor.role)) return refuse(COLLECTIONS_REFUSAL);
  const parsed = addToCollectionSchema.safeParse(input);
  if (!parsed.success) return fields(parsed.error);
  const { ids, collectionId: id, name: newName } = parsed.data;
  let target = id ? await getCollection(db, actor.teamId, id) : null;
  if (id && !target) return refuse(COLLECTION_MISSING);
  if (!target && newName) {
    target =
      (await insertCollection(db, { teamId: actor.teamId, name: newName, createdBy: actor.userId })) ??
      (await findCollectionByName(db, actor.teamId, newName));
  }
  if (!target) return { ok: false, fieldErrors: { collectionId: ["Choose a collection, or name a new one."] } };
  const added = await addToCollection(db, actor.teamId, target.id, ids, actor.userId);
  const collection = { id: target.id, name: target.name };
  if (added.length === ids.length)
    return { ok: true, message: `${plural(added.length)} added to “${target.name}”.`, ids: added, collection };
  const skipped = ids.length - added.length;
  return {
    ok: true,
    message: `${plural(added.length)} added to “${target.name}”; ${plural(skipped)} already in it, in the Trash or unknown.`,
    ids: added,
    collection,
  };
}

export async function removeFromCollectionAs(db: DbOrTx, actor: Actor, input: unknown): Promise<CollectionResult> {
  if (!canManageCollections(actor.role)) return refuse(COLLECTIONS_REFUSAL);
  const parsed = removeFromCollectionSchema.safeParse(input);
  if (!parsed.success) return fields(parsed.error);
  const target = await getCollection(db, actor.teamId, parsed.data.collectionId);
  if (!target) return refuse(COLLECTION_MISSING);
  const removed = await removeFromCollection(db, actor.teamId, target.id, parsed.data.ids);
  if (removed.length === 0) return refuse(`None of these videos is in “${target.name}”.`);
  return { ok: true, message: `${plural(removed.length)} removed from “${target.name}”.`, ids: removed };
}

// ---- the views ------------------------------------------------------------------------------

export type CollectionItem = { id: string; name: string; count: number; href: string; canDelete: boolean };

/** The collections page: every collection of the team with its count and what the viewer may do. */
export async function loadCollections(db: DbOrTx, team: { id: string; slug: string }, actor: Actor) {
  const rows = await listCollections(db, team.id);
  return {
    canManage: canManageCollections(actor.role),
    items: rows.map(
      (r): CollectionItem => ({
        id: r.id,
        name: r.name,
        count: r.count,
        href: collectionGalleryUrl(team.slug, r.id),
        canDelete: canDeleteCollection(actor, r.createdBy),
      }),
    ),
  };
}

/** The choices of a collection picker (the gallery's filter, "Add to collection"). */
export async function collectionChoices(db: DbOrTx, teamId: string): Promise<{ value: string; label: string }[]> {
  return (await listCollectionNames(db, teamId)).map((r) => ({ value: r.id, label: r.name }));
}

/** A media page's "Add to collection": the team's collections, and those the media is in. */
export async function mediaCollections(db: DbOrTx, teamId: string, mediaId: string) {
  const [choices, ids] = await Promise.all([collectionChoices(db, teamId), collectionsOfMedia(db, teamId, mediaId)]);
  const inIds = new Set(ids);
  return { choices, in: choices.filter((c) => inIds.has(c.value)) };
}
