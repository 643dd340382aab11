"use client";

import { FolderOpen, Search, Star, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";

// The gallery's filters live in the URL: shareable, back-button friendly, read by the server.
// Any change starts over at the first page (the cursor belongs to the old filter).

type Option = { value: string; label: string };

export type FilterOptions = {
  motions: Option[];
  creators: Option[];
  collections: Option[];
  /** The collections page, to create and manage them. */
  collectionsHref: string;
};
export type FilterValues = {
  q: string;
  status: string;
  motion: string;
  creator: string;
  review: string;
  collection: string;
  /** "1": only the viewer's favourites. */
  favourites: string;
  sort: string;
};

const STATUSES: Option[] = [
  { value: "", label: "Any status" },
  { value: "rendering", label: "Rendering" },
  { value: "ready", label: "Ready" },
  { value: "failed", label: "Failed" },
  { value: "not_submitted", label: "Not submitted" },
];

export function GalleryFilters({ options, values }: { options: FilterOptions; values: FilterValues }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(values.q);

  const go = (patch: Partial<FilterValues>) => {
    const next = new URLSearchParams(params.toString());
    next.delete("cursor");
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname));
  };
  const active = Boolean(
    values.q ||
      values.status ||
      values.motion ||
      values.creator ||
      values.review ||
      values.collection ||
      values.favourites,
  );

  return (
    // biome-ignore lint/a11y/useSemanticElements: a div landmark, as the e2e tests drive it; <search> needs newer screen readers
    <div className="grid gap-3 rounded-xl border bg-card p-3 shadow-sm sm:p-4" role="search" aria-label="Filter videos">
      <form
        className="relative"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() });
        }}
      >
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search titles"
          aria-label="Search titles"
          maxLength={100}
          className="pl-9"
        />
      </form>
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <NativeSelect
          aria-label="Status"
          value={values.status}
          onChange={(e) => go({ status: e.target.value })}
          className="sm:w-40"
        >
          {STATUSES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Motion type"
          value={values.motion}
          onChange={(e) => go({ motion: e.target.value })}
          className="sm:w-44"
        >
          <option value="">Any motion</option>
          {options.motions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Created by"
          value={values.creator}
          onChange={(e) => go({ creator: e.target.value })}
          className="sm:w-44"
        >
          <option value="">Anyone</option>
          {options.creators.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Review"
          value={values.review}
          onChange={(e) => go({ review: e.target.value })}
          className="sm:w-44"
        >
          <option value="">Any review</option>
          <option value="approved">Approved</option>
          <option value="changes_requested">Changes requested</option>
        </NativeSelect>
        <NativeSelect
          aria-label="Collection"
          value={values.collection}
          onChange={(e) => go({ collection: e.target.value })}
          className="sm:w-44"
        >
          <option value="">All collections</option>
          {options.collections.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
        <Button
          type="button"
          variant={values.favourites ? "secondary" : "outline"}
          aria-pressed={Boolean(values.favourites)}
          onClick={() => go({ favourites: values.favourites ? "" : "1" })}
          className="justify-start"
        >
          <Star className={values.favourites ? "fill-amber-400 text-amber-500" : undefined} aria-hidden /> Favourites
        </Button>
        <NativeSelect
          aria-label="Sort"
          value={values.sort}
          onChange={(e) => go({ sort: e.target.value === "newest" ? "" : e.target.value })}
          className="sm:w-36"
        >
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </NativeSelect>
        <div className="col-span-2 flex items-center gap-2 sm:ml-auto">
          {pending && <Spinner className="size-4 text-muted-foreground" aria-label="Loading" />}
          <Button asChild variant="ghost" size="sm">
            <Link href={options.collectionsHref}>
              <FolderOpen aria-hidden /> Collections
            </Link>
          </Button>
          {active && (
            <Button asChild variant="ghost" size="sm">
              <Link href={pathname} onClick={() => setQ("")}>
                <X aria-hidden /> Clear filters
              </Link>
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
