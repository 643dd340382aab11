import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 text-center">
      <Logo />
      <div>
        <p className="text-sm font-medium text-primary">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 max-w-sm text-muted-foreground">
          This page doesn&apos;t exist, or it belongs to a team you are not a member of.
        </p>
      </div>
      <Button asChild>
        <Link href="/app">Go to my studio</Link>
      </Button>
    </div>
  );
}
