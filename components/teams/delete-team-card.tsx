"use client";

import { useActionState } from "react";
import { deleteTeamAction } from "@/app/(app)/t/[team]/settings/delete-team-actions";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import type { FormState } from "@/lib/form-state";

/** The owner's danger zone: the team goes for every member at once, and cannot come back. */
export function DeleteTeamCard({ slug, teamName }: { slug: string; teamName: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteTeamAction, {});
  return (
    <Card className="border-destructive/40" data-testid="delete-team-card">
      <CardHeader>
        <CardTitle className="text-destructive">Delete team</CardTitle>
        <CardDescription>
          Removes the team for every member: its videos, stored files, uploads, comments and share links. The videos
          stay in the Vimmerse account (its API cannot delete them). This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button type="button" variant="destructive">
              Delete this team
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            {/* A plain submit, not AlertDialogAction: a wrong name keeps the dialog open with its error. */}
            <form action={action} className="grid gap-4" noValidate>
              <AlertDialogHeader>
                <AlertDialogTitle>Delete {teamName}?</AlertDialogTitle>
                <AlertDialogDescription>
                  Every member loses it now; its videos and files are then removed in the background. The videos stay in
                  the Vimmerse account. This cannot be undone.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <input type="hidden" name="team" value={slug} />
              <TextField
                name="confirmName"
                label={`Type ${teamName} to confirm`}
                autoComplete="off"
                spellCheck={false}
                defaultValue={state.values?.confirmName}
                errors={state.fieldErrors?.confirmName}
              />
              <FormMessage kind="error" message={state.error} />
              <AlertDialogFooter>
                <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
                <Button type="submit" variant="destructive" disabled={pending}>
                  {pending ? "Deleting…" : "Delete team"}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      </CardContent>
    </Card>
  );
}
