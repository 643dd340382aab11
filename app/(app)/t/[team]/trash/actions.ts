"use server";

import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { deleteForeverAs, idsSchema, restoreAs, type TrashResult, trashAs } from "@/lib/library/trash";
import { getStorage } from "@/lib/storage";

// Delete, restore and delete forever, for one media (its page) or many (ids separated by commas).
// The door lets members in; lib/library/trash.ts decides per media (creator, admin or owner).

export const deleteMediaAction = teamAction<typeof idsSchema, TrashResult>(
  { min: "member", schema: idsSchema },
  async (ctx, input) => trashAs(getDb(), ctx.actor, input.ids),
);

export const restoreMediaAction = teamAction<typeof idsSchema, TrashResult>(
  { min: "member", schema: idsSchema },
  async (ctx, input) => restoreAs(getDb(), ctx.actor, input.ids),
);

export const deleteForeverAction = teamAction<typeof idsSchema, TrashResult>(
  { min: "admin", schema: idsSchema, roleError: "Only owners and admins can delete videos forever." },
  async (ctx, input) => deleteForeverAs({ db: getDb(), storage: getStorage() }, ctx.actor, input.ids),
);
