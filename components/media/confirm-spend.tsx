"use client";

import { Coins } from "lucide-react";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { SpendLine } from "@/lib/billing/spend-view";

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
  const [open, setOpen] = useState(false);
  const [line, setLine] = useState<SpendLine | null>(null);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <Button
        type="button"
        variant={variant}
        disabled={disabled || pending}
        onClick={() => {
          if (!form.current?.reportValidity()) return;
          setLine(cost?.() ?? null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle className="flex items-center gap-2">
            <Coins className="size-5 text-warning" aria-hidden /> {title}
          </AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">
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
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          {/* Over budget, nothing is sent: the server would refuse it all the same. */}
          <AlertDialogAction disabled={Boolean(line?.refusal)} onClick={() => form.current?.requestSubmit()}>
            {confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
