"use client";

import { useActionState } from "react";
import { setMemberCapAction } from "@/app/(app)/t/[team]/settings/cap-actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FormState } from "@/lib/form-state";

/** A member's monthly cap (null: none) and what they spent this month (settled and held), for an owner. */
export type MemberCapView = { cap: number | null; spent: number };

const credits = (n: number) => `${n.toLocaleString("en")} credit${n === 1 ? "" : "s"}`;

/** An owner's control of one member's monthly cap: whole credits, blank for none. */
export function MemberCapForm({
  slug,
  userId,
  who,
  view,
}: {
  slug: string;
  userId: string;
  who: string;
  view: MemberCapView;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(setMemberCapAction, {});
  const id = `cap-${userId}`;
  const errors = state.fieldErrors?.cap;
  return (
    <form action={action} className="grid gap-1.5" noValidate data-testid="member-cap">
      <input type="hidden" name="team" value={slug} />
      <input type="hidden" name="userId" value={userId} />
      <p className="text-xs text-muted-foreground" data-testid="member-cap-summary">
        {credits(view.spent)} this month · {view.cap === null ? "No cap" : `cap ${credits(view.cap)}`}
      </p>
      <div className="flex items-center gap-2">
        <Label htmlFor={id} className="sr-only">
          Monthly cap for {who}
        </Label>
        <Input
          id={id}
          name="cap"
          inputMode="numeric"
          placeholder="No cap"
          defaultValue={state.values?.cap ?? (view.cap === null ? "" : String(view.cap))}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${id}-error` : undefined}
          className="h-8 w-28"
        />
        <span className="text-xs text-muted-foreground">credits a month</span>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          Set cap
        </Button>
      </div>
      <FieldError id={`${id}-error`} messages={errors} className="text-xs" />
      <FormMessage kind="error" message={state.error} className="py-1 text-xs" />
    </form>
  );
}
