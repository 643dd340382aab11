import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * The messages under a form field, announced to screen readers. Give it an id and point the
 * field's aria-describedby at it. Renders nothing when there are no messages.
 */
function FieldError({
  messages,
  className,
  ...props
}: Omit<React.ComponentProps<"p">, "children"> & { messages?: string[] }) {
  const unique = [...new Set(messages?.filter(Boolean))];
  if (unique.length === 0) return null;
  return (
    <p role="alert" data-slot="field-error" className={cn("text-sm text-destructive", className)} {...props}>
      {unique.join(" ")}
    </p>
  );
}

export { FieldError };
