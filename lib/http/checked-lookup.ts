import { promises as dns, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { isPublicAddress } from "./address";

// The DNS half of the guarded fetcher: names are resolved here and the connection is made to the
// very address that was checked, so a name that answers public once and private the next time
// (DNS rebinding) cannot slip past a check made earlier.

/** Every address a name resolves to (the test seam: tests answer for names they invent). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveAll = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Marks the connect error so the fetcher can tell a refusal from a network failure. */
export class PrivateAddressError extends Error {
  readonly code = "ERR_PRIVATE_ADDRESS";
  constructor(hostname: string) {
    super(`${hostname} resolves to an address that is not public`);
  }
}

/** A net/tls `lookup` that refuses the whole name if ANY of its addresses is not public. */
export function checkedLookup(resolve: ResolveAll = resolveWithDns): LookupFunction {
  return (hostname, options: LookupOptions | number, callback) => {
    const opts: LookupOptions = typeof options === "number" ? { family: options } : (options ?? {});
    const cb = callback as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
    resolve(hostname).then(
      (found) => {
        if (found.some((a) => !isPublicAddress(a.address))) return cb(new PrivateAddressError(hostname), []);
        const family = opts.family === 4 || opts.family === 6 ? opts.family : 0;
        const usable = family ? found.filter((a) => a.family === family) : found;
        if (usable.length === 0) {
          return cb(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
        }
        if (opts.all) cb(null, usable);
        else cb(null, usable[0]!.address, usable[0]!.family);
      },
      (err: Error) => cb(err, []),
    );
  };
}

/** An undici dispatcher whose every new connection goes through `checkedLookup`. */
export const checkedAgent = (resolve?: ResolveAll) => new Agent({ connect: { lookup: checkedLookup(resolve) } });
