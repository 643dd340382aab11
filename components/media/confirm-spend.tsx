"use client";

import { Coins } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useDialogOnDemand } from "@/components/ui/use-dialog-on-demand";
import type { SpendLine } from "@/lib/billing/spend-view";

const load = () => import("@/components/ui/confirm-dialog");
const ConfirmDialog = dynamic(() => load().then((m) => m.ConfirmDialog));

/**
 * A button that first says what it costs. The form is submitted only after "yes": the dialog
 * lives in a portal outside the form, so it submits the form by reference.
 */
export function ConfirmSpend({
  form,
  label,
  title,
  description,
  confirm,
  disabled,
  pending,
  variant = "default",
  cost,
}: {
  form: React.RefObject<HTMLFormElement | null>;
  label: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirm: string;
  disabled?: boolean;
  pending?: boolean;
  variant?: "default" | "outline";
  /** The estimate and this month's room, read when the dialog opens (the form's values then). */
  cost?: () => SpendLine | null;
}) {
  const dialog = useDialogOnDemand(load);
  const [line, setLine] = useState<SpendLine | null>(null);
  return (
    <>
      <Button
        type="button"
        variant={variant}
        disabled={disabled || pending}
        {...dialog.triggerProps}
        onClick={() => {
          if (!form.current?.reportValidity()) return;
          setLine(cost?.() ?? null);
          dialog.setOpen(true);
        }}
      >
        {label}
      </Button>
      {dialog.mounted && (
        <ConfirmDialog
          open={dialog.open}
          onOpenChange={dialog.setOpen}
          onCloseAutoFocus={dialog.returnFocus}
          icon={<Coins className="size-5 text-warning" aria-hidden />}
          title={title}
          description={
            <>
              {description}
              {line && (
                <p className="font-medium text-foreground" data-testid="confirm-cost">
                  {line.line} <span className="font-normal text-muted-foreground">(estimate)</span>
                </p>
              )}
              {line?.refusal && (
                <p className="text-destructive" data-testid="confirm-over-budget">
                  {line.refusal}
                </p>
              )}
            </>
          }
          confirm={confirm}
          // Over budget, nothing is sent: the server would refuse it all the same.
          confirmDisabled={Boolean(line?.refusal)}
          onConfirm={() => form.current?.requestSubmit()}
        />
      )}
    </>
  );
}
