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
}: {
  form: React.RefObject<HTMLFormElement | null>;
  label: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirm: string;
  disabled?: boolean;
  pending?: boolean;
  variant?: "default" | "outline";
}) {
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <Button
        type="button"
        variant={variant}
        disabled={disabled || pending}
        onClick={() => form.current?.reportValidity() && setOpen(true)}
      >
        {label}
      </Button>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle className="flex items-center gap-2">
            <Coins className="size-5 text-warning" aria-hidden /> {title}
          </AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">{description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => form.current?.requestSubmit()}>{confirm}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
