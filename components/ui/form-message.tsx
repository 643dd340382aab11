import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A form-level outcome: what went wrong for the whole form (role="alert"), or that it worked
 * (role="status"). Renders nothing without a message.
 */
function FormMessage({
  kind,
  message,
  className,
  ...props
}: Omit<React.ComponentProps<"div">, "children"> & { kind: "error" | "success"; message?: string }) {
  if (!message) return null;
  const Icon = kind === "error" ? CircleAlertIcon : CircleCheckIcon;
  return (
    <div
      role={kind === "error" ? "alert" : "status"}
      data-slot="form-message"
      data-kind={kind}
      className={cn(
        "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
        kind === "error"
          ? "border-destructive/30 bg-destructive/10 text-destructive dark:border-destructive/40 dark:bg-destructive/15"
          : "border-success/30 bg-success/10 text-success dark:border-success/40 dark:bg-success/15",
        className,
      )}
      {...props}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p>{message}</p>
    </div>
  );
}

export { FormMessage };
