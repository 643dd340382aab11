"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { urls } from "@/lib/urls";

type TeamItem = { slug: string; name: string; role: string };

export function TeamSwitcher({ current, teams }: { current: TeamItem; teams: TeamItem[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="max-w-[14rem] justify-between gap-2 px-2"
          aria-label="Switch team"
          data-testid="team-switcher"
        >
          <span className="grid size-6 shrink-0 place-items-center rounded-md bg-primary/15 text-xs font-semibold text-primary">
            {current.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="truncate">{current.name}</span>
          <ChevronsUpDown className="size-3.5 shrink-0 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
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
