import type * as React from "react";

/** A numbered step of the Create form. */
export function Section({
  step,
  title,
  description,
  children,
}: {
  step: number;
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`step-${step}`} className="grid gap-5 rounded-xl border bg-card p-4 shadow-sm sm:p-6">
      <header className="flex items-start gap-3">
        <span
          className="grid size-7 shrink-0 place-items-center rounded-full bg-primary/10 text-sm font-semibold text-primary"
          aria-hidden
        >
          {step}
        </span>
        <div className="grid gap-1">
          <h2 id={`step-${step}`} className="leading-7 font-semibold">
            {title}
          </h2>
          {description && <p className="text-sm text-muted-foreground">{description}</p>}
        </div>
      </header>
      {children}
    </section>
  );
}
