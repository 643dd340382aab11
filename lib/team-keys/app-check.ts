import "server-only";
import { vimmerseConfig } from "@/lib/upstream";
import { checkVimmerseKey, type KeyCheck } from "./check";

// The check against the upstream this deployment talks to: the Vimmerse cloud, or the in-app
// sandbox (which accepts its account keys). Apart from index.ts, which lib/upstream.ts imports.

export function checkKeyWithUpstream(apiKey: string): Promise<KeyCheck> {
  return checkVimmerseKey(apiKey, { baseUrl: vimmerseConfig().baseUrl });
}
