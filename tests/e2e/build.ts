// Builds the app for the browser tests with real-looking secrets in the environment, so that
// tests/e2e/secrets.spec.ts can prove none of them is baked into what the browser downloads.
import { spawnSync } from "node:child_process";
import { BUILD_SECRETS } from "./helpers";

const result = spawnSync("npx", ["next", "build"], {
  stdio: "inherit",
  env: {
    ...process.env,
    SKIP_BUILD_TYPECHECK: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: BUILD_SECRETS.AUTH_SECRET,
    CRON_SECRET: BUILD_SECRETS.CRON_SECRET,
    VIMMERSE_API_KEY: BUILD_SECRETS.VIMMERSE_API_KEY,
    DATABASE_URL: `postgres://studio:${BUILD_SECRETS.DATABASE_PASSWORD}@127.0.0.1:5432/studio_build`,
    AUTH_GITHUB_ID: "gh-build-id",
    AUTH_GITHUB_SECRET: BUILD_SECRETS.AUTH_GITHUB_SECRET,
    AUTH_GOOGLE_ID: "google-build-id",
    AUTH_GOOGLE_SECRET: BUILD_SECRETS.AUTH_GOOGLE_SECRET,
  },
});
process.exit(result.status ?? 1);
