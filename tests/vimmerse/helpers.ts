import { createVimmerseClient, type VimmerseClientOptions } from "@/lib/vimmerse";

export type Handler = (req: Request) => Response | Promise<Response>;

/** A fetch that records every Request and answers from a queue (the last handler repeats). */
export function fakeFetch(...handlers: Handler[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    requests.push(req);
    const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)];
    if (!handler) throw new Error("no handler");
    return handler(req);
  };
  return { fetch, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export function testClient(fetch: VimmerseClientOptions["fetch"], extra: Partial<VimmerseClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createVimmerseClient({
    baseUrl: "https://api.vimmerse.test/",
    apiKey: "test-key",
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { client, sleeps };
}

/** Multipart fields as [name, string | {filename,type,text}] in order, for exact assertions. */
export async function formEntries(req: Request) {
  const form = await req.formData();
  const out: [string, string | { filename: string; type: string; text: string }][] = [];
  for (const [k, v] of form.entries()) {
    out.push([k, typeof v === "string" ? v : { filename: v.name, type: v.type, text: await v.text() }]);
  }
  return out;
}
