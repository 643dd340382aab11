import type * as React from "react";
import { cn } from "@/lib/utils";

/** A centered, dashed placeholder for a list or page with nothing in it yet. */
function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingLevel = 2,
  className,
  children,
  ...props
}: Omit<React.ComponentProps<"div">, "title"> & {
  icon?: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or links, shown under the description. */
  action?: React.ReactNode;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-muted-foreground/25 bg-card/50 px-6 py-16 text-center text-card-foreground",
        className,
      )}
      {...props}
    >
      {Icon && (
        <div
          data-slot="empty-state-icon"
          className="mb-1 grid size-12 place-items-center rounded-full bg-primary/10 text-primary"
        >
          <Icon className="size-6" aria-hidden />
        </div>
      )}
      <Heading data-slot="empty-state-title" className="text-lg font-semibold tracking-tight">
        {title}
      </Heading>
      {description && (
        <p data-slot="empty-state-description" className="max-w-md text-sm text-balance text-muted-foreground">
          {description}
        </p>
      )}
      {children}
      {action && (
        <div data-slot="empty-state-action" className="mt-2 flex flex-wrap items-center justify-center gap-2">
          {action}
        </div>
      )}
    </div>
  );
}

export { EmptyState };
