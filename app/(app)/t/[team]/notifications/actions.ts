"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { markAllReadAs, type OpenResult, openNotificationAs, openSchema } from "@/lib/notifications/manage";
import { urls } from "@/lib/urls";

// The bell's page: open a notification (marked read, then its video) and mark all read. Every
// role may: viewers are mentioned too. Only the user's own notifications in this team.

export const openNotificationAction = teamAction<typeof openSchema, OpenResult>(
  { min: "viewer", schema: openSchema },
  async (ctx, input) => {
    const r = await openNotificationAs(getDb(), ctx.actor, ctx.team, input.id);
    if (!r.href) return r;
    // The bell's count in the team's header is read again on the way to the video.
    revalidatePath(urls.team(ctx.team.slug), "layout");
    redirect(r.href);
  },
);

export const markAllReadAction = teamAction({ min: "viewer", schema: z.object({}) }, async (ctx) =>
  markAllReadAs(getDb(), ctx.actor),
);
