import { ArrowLeft, ArrowRight, Search } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ADMIN_PATH } from "@/lib/admin/schemas";
import { formatCount } from "@/lib/format";

// A plain GET form and links: the search and the page live in the URL, and work without script.

export function AdminSearch({ q }: { q: string }) {
  return (
    <search aria-label="Find a team">
      <form method="get" action={ADMIN_PATH} className="flex gap-2">
        <div className="relative flex-1 sm:max-w-sm">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            type="search"
            name="q"
            defaultValue={q}
            maxLength={100}
            placeholder="Team name or slug"
            aria-label="Team name or slug"
            className="pl-9"
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {q && (
          <Button asChild variant="ghost">
            <Link href={ADMIN_PATH}>Clear</Link>
          </Button>
        )}
      </form>
    </search>
  );
}

type PagerProps = { page: number; pages: number; total: number; prevHref: string | null; nextHref: string | null };

export function AdminPager({ page, pages, total, prevHref, nextHref }: PagerProps) {
  return (
    <nav className="flex items-center justify-between gap-3" aria-label="Pages">
      <p className="text-sm text-muted-foreground">
        {total === 1 ? "1 team" : `${formatCount(total)} teams`}
        {pages > 1 && ` · page ${page} of ${pages}`}
      </p>
      {pages > 1 && (
        <div className="flex gap-2">
          <PageLink href={prevHref} label="Previous" icon="prev" />
          <PageLink href={nextHref} label="Next" icon="next" />
        </div>
      )}
    </nav>
  );
}

function PageLink({ href, label, icon }: { href: string | null; label: string; icon: "prev" | "next" }) {
  const content = (
    <>
      {icon === "prev" && <ArrowLeft aria-hidden />}
      {label}
      {icon === "next" && <ArrowRight aria-hidden />}
    </>
  );
  if (!href)
    return (
      <Button variant="outline" size="sm" disabled>
        {content}
      </Button>
    );
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={href}>{content}</Link>
    </Button>
  );
}
