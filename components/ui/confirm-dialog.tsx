"use client";

import type { ReactNode } from "react";
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

export type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** Shown before the title, e.g. a coin for what costs credits. */
  icon?: ReactNode;
  description: ReactNode;
  confirm: string;
  onConfirm: () => void;
  destructive?: boolean;
  confirmDisabled?: boolean;
  /** Where the focus goes on close (the trigger: ./use-dialog-on-demand.ts). */
  onCloseAutoFocus?: (e: Event) => void;
};

/** "Are you sure?" for a button that asks first: ConfirmButton and ConfirmSpend load it on demand. */
export function ConfirmDialog(p: ConfirmDialogProps) {
  return (
    <AlertDialog open={p.open} onOpenChange={p.onOpenChange}>
      <AlertDialogContent onCloseAutoFocus={p.onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle className={p.icon ? "flex items-center gap-2" : undefined}>
            {p.icon}
            {p.title}
          </AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">{p.description}</div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant={p.destructive ? "destructive" : "default"}
            disabled={p.confirmDisabled}
            onClick={p.onConfirm}
          >
            {p.confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
