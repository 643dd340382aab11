import { CircleAlert, CircleCheck } from "lucide-react";
import { cn } from "@/lib/utils";

/** A form-level outcome: what went wrong for the whole form, or that it worked. */
function FormMessage({ kind, message, className }: { kind: "error" | "success"; message?: string; className?: string }) {
  if (!message) return null;
  const Icon = kind === "error" ? CircleAlert : CircleCheck;
  return (
    <p
      role={kind === "error" ? "alert" : "status"}
      data-slot="form-message"
      className={cn(
        "flex items-start gap-2 rounded-md px-3 py-2 text-sm",
        kind === "error" ? "bg-destructive/10 text-destructive" : "bg-success/10 text-success",
        className,
      )}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{message}</span>
    </p>
  );
}

export { FormMessage };
