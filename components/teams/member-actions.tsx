"use client";

import { useActionState, useRef } from "react";
import { changeRoleAction, removeMemberAction, revokeInvitationAction } from "@/app/(app)/t/[team]/settings/actions";
import { RoleSelect } from "@/components/teams/role-select";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/form-state";

export function ChangeRole({
  slug,
  userId,
  role,
  allowOwner,
  label,
}: {
  slug: string;
  userId: string;
  role: string;
  allowOwner: boolean;
  label: string;
}) {
  const [state, action] = useActionState<FormState, FormData>(changeRoleAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="team" value={slug} />
      <input type="hidden" name="userId" value={userId} />
      <RoleSelect
        name="role"
        defaultValue={role}
        allowOwner={allowOwner}
        label={label}
        onValueChange={() => queueMicrotask(() => form.current?.requestSubmit())}
      />
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}

type ConfirmProps = {
  slug: string;
  userId: string;
  label: string;
  title: string;
  description: string;
  confirm: string;
  standalone?: boolean;
};

export function RemoveMember({ slug, userId, label, title, description, confirm, standalone }: ConfirmProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeMemberAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      action={action}
      className={standalone ? "grid justify-items-start gap-2" : "grid justify-items-end gap-1"}
    >
      <input type="hidden" name="team" value={slug} />
      <input type="hidden" name="userId" value={userId} />
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button
            type="button"
            variant={standalone ? "outline" : "ghost"}
            size="sm"
            className="text-destructive hover:text-destructive"
            disabled={pending}
          >
            {label}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => form.current?.requestSubmit()}>{confirm}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}

export function RevokeInvitation({ slug, invitationId }: { slug: string; invitationId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeInvitationAction, {});
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="team" value={slug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="ghost" size="sm" disabled={pending}>
        Revoke
      </Button>
      <FormMessage kind="error" message={state.error} />
    </form>
  );
}
