"use client";

import { FieldError } from "@/components/ui/field-error";

type Props = {
  name: string;
  label: string;
  min: number;
  max: number;
  value: number;
  onChange: (v: number) => void;
  format?: (v: number) => string;
  hint?: string;
  errors?: string[];
};

/** A labelled slider that says its value, with the range's ends under it. */
export function RangeField({ name, label, min, max, value, onChange, format = String, hint, errors }: Props) {
  const errorId = `${name}-error`;
  return (
    <div className="grid content-start gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={name} className="text-sm font-medium">
          {label}
        </label>
        <output htmlFor={name} className="text-sm font-semibold tabular-nums" data-testid={`${name}-value`}>
          {format(value)}
        </output>
      </div>
      <input
        id={name}
        name={name}
        type="range"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : hint ? `${name}-hint` : undefined}
        className="h-2 w-full cursor-pointer accent-primary"
      />
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden>
        <span>{format(min)}</span>
        <span>{format(max)}</span>
      </div>
      {hint && !errors?.length && (
        <p id={`${name}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError id={errorId} messages={errors} />
    </div>
  );
}
