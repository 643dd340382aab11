import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ThemeScript } from "@/components/theme-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Vimmerse Studio", template: "%s · Vimmerse Studio" },
  description: "Turn photos and prompts into videos with your team.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme is set by an inline script before paint; it runs only with this request's CSP
  // nonce (proxy.ts). Reading the request also makes every page render per request, as a nonce needs.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh font-sans">
        <ThemeScript nonce={nonce} />
        {children}
      </body>
    </html>
  );
}
