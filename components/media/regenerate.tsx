"use client";

import { RefreshCw, Repeat } from "lucide-react";
import { useActionState, useRef } from "react";
import { processAgainAction, resubmitAction } from "@/app/(app)/t/[team]/media/[id]/actions";
import { FieldError } from "@/components/ui/field-error";
import { FormMessage } from "@/components/ui/form-message";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { type SpendView, spendLine } from "@/lib/billing/spend-view";
import type { FormState } from "@/lib/form-state";
import { ASPECT_RATIOS } from "@/lib/media/motions";
import { ConfirmSpend } from "./confirm-spend";

// New generations of a finished media: changed settings (resubmit) or the same again
// (process). Both spend credits upstream, so both ask first.

export type GenerationValues = {
  motionType: string;
  prompt: string;
  quantity: number;
  duration: number;
  loop: number;
  aspectRatio: string;
  soundEffects: boolean;
};

type Props = {
  team: string;
  mediaId: string;
  values: GenerationValues;
  motions: { id: string; label: string }[];
  /** Why a new generation cannot start now (rendering, never submitted); null when it can. */
  blocked: string | null;
  /** This month's room and the cost model; absent, the dialogs show no cost line. */
  spend?: SpendView;
};

/** The estimate for the settings the form holds now. */
function costOf(spend: SpendView | undefined, form: HTMLFormElement | null, fallback: GenerationValues) {
  if (!spend) return null;
  const data = form ? new FormData(form) : null;
  const num = (k: "quantity" | "duration" | "loop") => Number(data?.get(k) ?? fallback[k]) || fallback[k];
  const motionType = String(data?.get("motionType") ?? fallback.motionType);
  return spendLine(spend, { motionType, quantity: num("quantity"), duration: num("duration"), loop: num("loop") });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function Select({
  name,
  label,
  value,
  options,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  errors?: string[];
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`re-${name}`}>{label}</Label>
      <NativeSelect id={`re-${name}`} name={name} defaultValue={value} aria-invalid={errors?.length ? true : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      <FieldError messages={errors} />
    </div>
  );
}

export function ResubmitForm({ team, mediaId, values, motions, blocked, spend }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(resubmitAction, {});
  const form = useRef<HTMLFormElement>(null);
  const v: Record<string, string | number | boolean> = { ...values, ...(state.values ?? {}) };
  const e = state.fieldErrors ?? {};
  return (
    <form ref={form} action={action} className="grid gap-4" data-testid="resubmit-form" key={JSON.stringify(values)}>
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <Select
        name="motionType"
        label="Motion"
        value={String(v.motionType)}
        options={motions.map((m) => ({ value: m.id, label: m.label }))}
        errors={e.motionType}
      />
      <div className="grid gap-1.5">
        <Label htmlFor="re-prompt">Prompt</Label>
        <Textarea
          id="re-prompt"
          name="prompt"
          defaultValue={String(v.prompt)}
          maxLength={2000}
          rows={3}
          aria-invalid={e.prompt?.length ? true : undefined}
        />
        <FieldError messages={e.prompt} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Select
          name="quantity"
          label="Videos"
          value={String(v.quantity)}
          options={range(1, 4).map((n) => ({ value: String(n), label: String(n) }))}
          errors={e.quantity}
        />
        <Select
          name="duration"
          label="Duration"
          value={String(v.duration)}
          options={range(1, 10).map((n) => ({ value: String(n), label: `${n} s` }))}
          errors={e.duration}
        />
        <Select
          name="loop"
          label="Loop"
          value={String(v.loop)}
          options={range(1, 6).map((n) => ({ value: String(n), label: n === 1 ? "Once" : `${n}×` }))}
          errors={e.loop}
        />
        <Select
          name="aspectRatio"
          label="Aspect ratio"
          value={String(v.aspectRatio)}
          options={ASPECT_RATIOS.map((a) => ({ value: a, label: a }))}
          errors={e.aspectRatio}
        />
      </div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          name="soundEffects"
          defaultChecked={v.soundEffects === true || v.soundEffects === "on"}
          className="size-4 accent-primary"
        />
        Sound effects
      </label>
      <FormMessage kind="error" message={state.error} />
      <FormMessage kind="success" message={state.ok ? state.message : undefined} />
      {blocked && <p className="text-sm text-muted-foreground">{blocked}</p>}
      <ConfirmSpend
        form={form}
        pending={pending}
        disabled={Boolean(blocked)}
        label={
          <>
            <RefreshCw aria-hidden /> {pending ? "Sending…" : "Resubmit with these settings"}
          </>
        }
        title="Render again with new settings?"
        cost={() => costOf(spend, form.current, values)}
        description={
          <>
            <p>
              Vimmerse renders this video again with the changed settings. This spends credits from the team&apos;s
              Vimmerse account.
            </p>
            <p>The current video stays available until the new one is ready, and both stay in the history.</p>
          </>
        }
        confirm="Spend credits and render"
      />
    </form>
  );
}

export function ProcessAgain({
  team,
  mediaId,
  blocked,
  values,
  spend,
}: Omit<Props, "values" | "motions"> & { values?: GenerationValues }) {
  const [state, action, pending] = useActionState<FormState, FormData>(processAgainAction, {});
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="grid gap-3" data-testid="process-form">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="mediaId" value={mediaId} />
      <FormMessage kind="error" message={state.error} />
      <FormMessage kind="success" message={state.ok ? state.message : undefined} />
      <ConfirmSpend
        form={form}
        pending={pending}
        disabled={Boolean(blocked)}
        variant="outline"
        label={
          <>
            <Repeat aria-hidden /> {pending ? "Sending…" : "Process again"}
          </>
        }
        title="Render the same settings again?"
        cost={() => (values ? costOf(spend, null, values) : null)}
        description={
          <p>
            Vimmerse makes a new take with the same settings. This spends credits from the team&apos;s Vimmerse account,
            every time.
          </p>
        }
        confirm="Spend credits and render"
      />
    </form>
  );
}
