"use client";

import { useActionState, useRef } from "react";
import { resumeTeamAction, setBudgetAction, suspendTeamAction } from "@/app/(admin)/admin/actions";
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
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { BUDGET_RULE } from "@/lib/admin/schemas";
import type { FormState } from "@/lib/form-state";

type Team = { id: string; name: string };

/** Suspend (after saying what it does) or resume a team. */
export function SuspendToggle({ team, suspended }: { team: Team; suspended: boolean }) {
  // Two forms, each with its own action state: a toggle's answer belongs to the step it took.
  return suspended ? <Resume team={team} /> : <Suspend team={team} />;
}

function Resume({ team }: { team: Team }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resumeTeamAction, {});
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="teamId" value={team.id} />
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Resume ${team.name}`}>
        Resume
      </Button>
      <Problem message={state.error} />
    </form>
  );
}

function Suspend({ team }: { team: Team }) {
  const [state, action, pending] = useActionState<FormState, FormData>(suspendTeamAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="teamId" value={team.id} />
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="text-destructive hover:text-destructive"
            disabled={pending}
            aria-label={`Suspend ${team.name}`}
          >
            Suspend
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Suspend {team.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Members can still watch and download; nothing new is sent to Vimmerse. Creating, rendering again and
              processing are refused until you resume the team.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={() => form.current?.requestSubmit()}>
              Suspend team
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <Problem message={state.error} />
    </form>
  );
}

const Problem = ({ message }: { message?: string }) =>
  message ? (
    <p role="alert" className="text-xs text-destructive">
      {message}
    </p>
  ) : null;

/** The team's own monthly budget: blank goes back to the default. */
export function BudgetForm({ team, own, fallback }: { team: Team; own: number | null; fallback: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setBudgetAction, {});
  const errors = state.fieldErrors?.budget;
  const id = `budget-${team.id}`;
  const typed = state.values?.budget;
  return (
    <form action={action} className="grid gap-1" noValidate>
      <input type="hidden" name="teamId" value={team.id} />
      <div className="flex items-center gap-1.5">
        <label htmlFor={id} className="sr-only">
          Monthly budget of {team.name}
        </label>
        <Input
          // A refused value stays in the box; a saved one shows as the new budget.
          key={typed ?? String(own ?? "")}
          id={id}
          name="budget"
          inputMode="numeric"
          defaultValue={typed ?? (own === null ? "" : String(own))}
          placeholder={fallback}
          title={BUDGET_RULE}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${id}-error` : undefined}
          className="h-8 w-28 tabular-nums"
        />
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          Save
        </Button>
      </div>
      <FieldError id={`${id}-error`} messages={errors} className="max-w-56 text-xs whitespace-normal" />
      <Problem message={state.error} />
      {state.ok && (
        <p role="status" className="text-xs text-muted-foreground">
          {state.message}
        </p>
      )}
    </form>
  );
}
