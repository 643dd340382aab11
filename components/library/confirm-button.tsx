"use client";

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
 * A button that asks first. The dialog lives in a portal outside the form, so "yes" submits the
 * form by reference.
 */
export function ConfirmButton({
  form,
  label,
  title,
  description,
  confirm,
  pending,
  size = "default",
  variant = "outline",
}: {
  form: React.RefObject<HTMLFormElement | null>;
  label: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirm: string;
  pending?: boolean;
  size?: "default" | "sm";
  variant?: "outline" | "destructive" | "ghost";
}) {
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <Button type="button" variant={variant} size={size} disabled={pending} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">{description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => form.current?.requestSubmit()}>
            {confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
