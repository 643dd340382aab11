"use client";

import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";
import { useDialogOnDemand } from "@/components/ui/use-dialog-on-demand";

const load = () => import("@/components/ui/confirm-dialog");
const ConfirmDialog = dynamic(() => load().then((m) => m.ConfirmDialog));

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
  const dialog = useDialogOnDemand(load);
  return (
    <>
      <Button
        type="button"
        variant={variant}
        size={size}
        disabled={pending}
        {...dialog.triggerProps}
        onClick={() => dialog.setOpen(true)}
      >
        {label}
      </Button>
      {dialog.mounted && (
        <ConfirmDialog
          open={dialog.open}
          onOpenChange={dialog.setOpen}
          onCloseAutoFocus={dialog.returnFocus}
          title={title}
          description={description}
          confirm={confirm}
          destructive
          onConfirm={() => form.current?.requestSubmit()}
        />
      )}
    </>
  );
}
