import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { UserMenu } from "@/components/app-shell/user-menu";
import { LogoMark } from "@/components/brand/logo";
import { Button } from "@/components/ui/button";
import { requireOperatorPage } from "@/lib/admin/operators";

// The operators' area: the app's header, without a team. Anyone else meets a 404 here already
// (each page checks again: a layout is not re-run on every navigation).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireOperatorPage();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:px-6">
          <Link href="/app" aria-label="Vimmerse Studio home" className="shrink-0">
            <LogoMark />
          </Link>
          <span className="text-muted-foreground/50" aria-hidden>
            /
          </span>
          <span className="inline-flex items-center gap-1.5 px-2 text-sm font-medium">
            <ShieldCheck className="size-4 text-primary" aria-hidden />
            Admin
          </span>
          <div className="ml-auto flex items-center gap-2">
            <Button asChild variant="ghost" size="sm">
              <Link href="/app">My studio</Link>
            </Button>
            <UserMenu name={user.name} email={user.email} operator />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-3 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
