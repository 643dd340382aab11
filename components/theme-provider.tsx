"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
// Before any form's schema parses in the browser: no eval under the CSP.
import "@/lib/zod-config";

export function ThemeProvider(props: React.ComponentProps<typeof NextThemesProvider>) {
  return <NextThemesProvider {...props} />;
}
