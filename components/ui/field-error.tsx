import { cn } from "@/lib/utils";

/** The messages under a form field; announced to screen readers. */
function FieldError({ messages, id, className }: { messages?: string[]; id?: string; className?: string }) {
  if (!messages?.length) return null;
  return (
    <p id={id} role="alert" data-slot="field-error" className={cn("text-sm text-destructive", className)}>
      {messages.join(" ")}
    </p>
  );
}

export { FieldError };
