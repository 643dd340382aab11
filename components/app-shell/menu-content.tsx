"use client";

import { Check, LogOut, Monitor, MonitorOff, Moon, Plus, ShieldCheck, Sun } from "lucide-react";
import Link from "next/link";
import { type ReactElement, startTransition, useState } from "react";
import { signOutAction, signOutEverywhereAction } from "@/app/(auth)/actions";
import { setTheme, storedTheme, type Theme } from "@/components/theme-provider";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { urls } from "@/lib/urls";

// The header's two menus, loaded on first use (./lazy-menu.ts): they hold all of the Radix code.

export type TeamItem = { slug: string; name: string; role: string };

export type UserMenuProps = {
  name: string | null;
  email: string | null;
  /** An operator (ADMIN_EMAILS): the menu offers /admin; anyone else gets its 404, so no link. */
  operator?: boolean;
};

type Controlled = { open: boolean; onOpenChange: (open: boolean) => void; trigger: ReactElement };

// Written out rather than imported from lib/admin/schemas.ts, which would bring zod along.
const ADMIN_PATH = "/admin";

export function TeamSwitcherMenu({
  open,
  onOpenChange,
  trigger,
  current,
  teams,
}: Controlled & { current: TeamItem; teams: TeamItem[] }) {
  return (
    <DropdownMenu open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel className="text-xs text-muted-foreground">Your teams</DropdownMenuLabel>
        {teams.map((t) => (
          <DropdownMenuItem key={t.slug} asChild>
            <Link href={urls.team(t.slug)} className="flex items-center justify-between gap-2">
              <span className="truncate">{t.name}</span>
              {t.slug === current.slug ? (
                <Check className="size-4" />
              ) : (
                <span className="text-xs text-muted-foreground">{t.role}</span>
              )}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/teams/new">
            <Plus className="size-4" /> Create a team
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function UserMenuContent({ open, onOpenChange, trigger, name, email, operator }: Controlled & UserMenuProps) {
  const [theme, setChosen] = useState<Theme>(storedTheme);
  const choose = (value: string) => {
    const t = value as Theme;
    setChosen(t);
    setTheme(t);
  };
  return (
    <DropdownMenu open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="font-normal">
          <div className="truncate text-sm font-medium">{name}</div>
          <div className="truncate text-xs text-muted-foreground">{email}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {operator && (
          <>
            <DropdownMenuItem asChild>
              <Link href={ADMIN_PATH}>
                <ShieldCheck className="size-4" /> Admin
              </Link>
            </DropdownMenuItem>
            <DropdownMenuSeparator />
          </>
        )}
        <DropdownMenuLabel className="text-xs text-muted-foreground">Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme} onValueChange={choose}>
          <DropdownMenuRadioItem value="light">
            <Sun className="size-4" /> Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <Moon className="size-4" /> Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">
            <Monitor className="size-4" /> System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        {/* Called directly: a form inside the menu would unmount before it submits. */}
        <DropdownMenuItem onSelect={() => startTransition(() => signOutAction())}>
          <LogOut className="size-4" /> Sign out
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => startTransition(() => signOutEverywhereAction())}>
          <MonitorOff className="size-4" /> Sign out everywhere
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
