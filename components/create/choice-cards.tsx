"use client";

import { cn } from "@/lib/utils";

export type Choice = { id: string; label: string; description?: string; tags?: string[] };

type Props = {
  name: string;
  legend: string;
  choices: readonly Choice[];
  value: string;
  onChange: (id: string) => void;
  errors?: string[];
  columns?: string;
  compact?: boolean;
  /** On phones, show only the chosen card's description (under the grid) to keep long lists short. */
  phoneDescriptions?: "all" | "chosen";
};

/** A set of native radio buttons drawn as cards: submits with the form, works with the keyboard. */
export function ChoiceCards({
  name,
  legend,
  choices,
  value,
  onChange,
  errors,
  columns = "sm:grid-cols-2",
  compact,
  phoneDescriptions = "all",
}: Props) {
  const errorId = `${name}-error`;
  const chosen = choices.find((c) => c.id === value);
  return (
    <fieldset className="grid gap-2" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className={cn("grid gap-2", columns)}>
        {choices.map((c) => (
          <label
            key={c.id}
            className={cn(
              "relative flex cursor-pointer flex-col gap-1 rounded-lg border p-3 text-left transition-colors hover:bg-accent/50 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
              compact && "items-center justify-center px-2 py-2 text-center",
              value === c.id && "border-primary bg-primary/5 ring-1 ring-primary",
            )}
          >
            <input
              type="radio"
              name={name}
              value={c.id}
              checked={value === c.id}
              onChange={() => onChange(c.id)}
              className="sr-only"
              aria-describedby={c.description ? `${name}-${c.id}-desc` : undefined}
            />
            <span className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
              {c.label}
              {c.tags?.map((t) => (
                <span
                  key={t}
                  className="rounded bg-muted px-1.5 py-0.5 text-[10px] font-normal tracking-wide text-muted-foreground uppercase"
                >
                  {t}
                </span>
              ))}
            </span>
            {c.description && (
              <span
                id={`${name}-${c.id}-desc`}
                className={cn("text-xs text-muted-foreground", phoneDescriptions === "chosen" && "hidden sm:block")}
              >
                {c.description}
              </span>
            )}
          </label>
        ))}
      </div>
      {phoneDescriptions === "chosen" && chosen?.description && (
        <p className="rounded-md bg-muted/50 px-3 py-2 text-xs text-muted-foreground sm:hidden" aria-hidden>
          <span className="font-medium text-foreground">{chosen.label}:</span> {chosen.description}
        </p>
      )}
      {errors?.length ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
