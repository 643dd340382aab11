import "server-only";
import { type Env, env, usesSandbox } from "@/lib/env";
import { sandboxApiKey } from "@/lib/sandbox-key";
import { createVimmerseClient, type VimmerseClient } from "@/lib/vimmerse";

// The app's one way to reach Vimmerse. Server-only so the API key can never be bundled for the
// browser. Without a key the in-app sandbox stands in; the key it accepts is derived from
// AUTH_SECRET (lib/sandbox-key.ts), so no one without that secret can use it.

export const DEFAULT_VIMMERSE_URL = "https://api.vimmerse.net";

let cached: { key: string; client: VimmerseClient } | undefined;

export function vimmerseConfig(e: Env = env()): { apiKey: string; baseUrl: string; sandbox: boolean } {
  const sandbox = usesSandbox(e);
  const apiKey = e.VIMMERSE_API_KEY ?? sandboxApiKey(e.AUTH_SECRET);
  const baseUrl =
    e.VIMMERSE_API_URL ?? (sandbox ? `${e.APP_URL.replace(/\/+$/, "")}/api/sandbox` : DEFAULT_VIMMERSE_URL);
  return { apiKey, baseUrl, sandbox };
}

export function getVimmerse(): VimmerseClient {
  const { apiKey, baseUrl } = vimmerseConfig();
  const key = `${baseUrl}\n${apiKey}`;
  if (cached?.key !== key) cached = { key, client: createVimmerseClient({ apiKey, baseUrl }) };
  return cached.client;
}
