// Security headers that never change, on every response: pages (whose nonce CSP and HSTS come
// from proxy.ts through lib/http/security-headers.ts) and route handlers, which the proxy skips.
const EVERYWHERE = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Features the app never uses, refused for it and anything it embeds. Fullscreen stays: videos use it.
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()",
  },
];

// No framing, except the player of a shared link (/s/<token>/embed), which link previews in
// Slack, Discord and X show in a frame; proxy.ts gives that one path its frame-ancestors.
const NO_FRAMING = "/:path((?!s/[^/]+/embed$).*)";

// Route handlers answer JSON, files and videos, never a page that runs code: nothing may run or
// frame them. Media and styles stay allowed so a video or image opened on its own still shows.
const API_CSP =
  "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Route handlers behind Vercel or another TLS proxy (proxy.ts sends the pages' HSTS, by the same rule
// plus an https APP_URL; sending it from both would repeat the header).
const HSTS = "max-age=63072000; includeSubDomains";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Browsers still ask for /favicon.ico, for a video opened on its own for one; the icon is app/icon.svg.
  async redirects() {
    return [{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: EVERYWHERE },
      { source: NO_FRAMING, headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
  // Native binaries and wasm assets must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
    "postgres",
    // The guarded fetcher's own undici (not Node's built-in copy), loaded as published.
    "undici",
  ],
  // Kept out of every function's files (177 MB a page function on Vercel, near its 250 MB limit):
  // PGlite is loaded only without a DATABASE_URL, ffmpeg and ffprobe only by the offline sandbox's
  // renders, and neither happens on Vercel. Their modules are imported by name at run time
  // (db/client.ts, lib/sandbox/render/ffmpeg.ts), so Vercel's own tracer never meets them; these
  // excludes keep Next's traces the same. "**/" also catches the links Turbopack makes to external
  // packages (.next/node_modules/@electric-sql/pglite-<hash>). `npm run check:vercel` checks it.
  outputFileTracingExcludes: {
    "**": [
      "**/node_modules/@electric-sql/pglite*",
      "**/node_modules/@electric-sql/pglite*/**",
      "**/node_modules/@ffmpeg-installer/**",
      "**/node_modules/@ffprobe-installer/**",
      // Reached through a path built from process.cwd(): tests are never part of a function.
      "tests/**",
    ],
  },
  poweredByHeader: false,
  // `npm test` type-checks the whole project first, so its build may skip the same work;
  // every other build (Vercel's included) still fails on a type error.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
  experimental: {
    serverActions: { bodySizeLimit: "4mb" },
  },
};

export default nextConfig;
