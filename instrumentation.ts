// Runs once when the server starts: validates the configuration (a bad setting stops the app
// with its name) and starts the background work that a self-hosted server does for itself.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  const { startBackgroundWork } = await import("./lib/background");
  startBackgroundWork();
}
