"use client";

import { useActionState } from "react";
import { editDetailsAction } from "@/app/(app)/t/[team]/media/[id]/actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { TextField } from "@/components/ui/text-field";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/form-state";
import { VISIBILITIES } from "@/lib/media/motions";

// Title, description, rating and visibility: free to change (no credits), saved in Vimmerse too.

export type Details = { title: string; description: string; rating: string; visibility: string };

export function DetailsForm({ team, mediaId, details }: { team: string; mediaId: string; details: Details }) {
  const [state, action, pending] = useActionState<FormState, FormData>(editDetailsAction, {});
  const v = { ...details, ...(state.values ?? {}) };
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" data-testid="details-form" noValidate>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <TextField name="title" label="Title" defaultValue={v.title} maxLength={200} errors={e.title} />
      <div className="grid gap-2">
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          name="description"
          defaultValue={v.description}
          maxLength={2000}
          rows={3}
          aria-invalid={e.description?.length ? true : undefined}
        />
        <FieldError messages={e.description} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="grid gap-2">
          <Label htmlFor="rating">Rating</Label>
          <NativeSelect id="rating" name="rating" defaultValue={v.rating || "none"}>
            <option value="none">Not rated</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={String(n)}>
                {"★".repeat(n)} ({n})
              </option>
            ))}
          </NativeSelect>
          <FieldError messages={e.rating} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="visibility">Visibility</Label>
          <NativeSelect id="visibility" name="visibility" defaultValue={v.visibility}>
            {VISIBILITIES.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
          <FieldError messages={e.visibility} />
        </div>
      </div>
      <FormMessage kind="error" message={state.error} />
      <FormMessage kind="success" message={state.ok ? state.message : undefined} />
      <Button type="submit" disabled={pending} className="w-fit">
        {pending ? "Saving…" : "Save details"}
      </Button>
    </form>
  );
}
