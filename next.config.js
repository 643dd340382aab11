/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native binaries and wasm assets must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
    "postgres",
  ],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "4mb" },
  },
};

export default nextConfig;
