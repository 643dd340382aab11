import ipaddr from "ipaddr.js";

// Which hosts a link may point at, for the Create form's schema (the browser's live check and the
// server's decision). Pure: no DNS, no Node modules. The server itself never fetches a pasted
// link: Vimmerse does, and the offline sandbox only reads the app's own storage.

export const PRIVATE_LINK_MESSAGE =
  "That link points to a private address; use a public image link or upload the file.";

/**
 * True only for a public unicast address. Everything ipaddr.js files under a special range is
 * refused: loopback, private (RFC 1918), carrier-grade NAT (100.64/10), link-local (169.254/16,
 * the cloud metadata address among them, and fe80::/10), unique-local (fc00::/7), unspecified,
 * multicast, broadcast, reserved and documentation ranges, IPv4-mapped (::ffff:0:0/96), the
 * NAT64 prefixes (64:ff9b::/96, 64:ff9b:1::/48), 6to4 and Teredo (they embed an IPv4 address).
 * The deprecated IPv4-compatible form (::a.b.c.d) is refused here, as ipaddr.js calls it unicast.
 * Anything that does not parse as an address is refused too.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return false;
  const ip = ipaddr.parse(bare);
  if (ip.range() !== "unicast") return false;
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  return true;
}

/** True when a URL's hostname is an IP address (IPv6 in brackets, as URL.hostname gives it). */
export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ""));
}

/**
 * Refused without asking DNS: an IP literal that is not public, or a name that always means this
 * machine (localhost and *.localhost, RFC 6761). Other names need their DNS answers checked.
 * Takes URL.hostname, where the WHATWG parser has already turned 2130706433, 0x7f.1, 0177.0.0.1
 * and 127.1 into 127.0.0.1, and [::ffff:127.0.0.1] into [::ffff:7f00:1].
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "" || host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIpLiteral(host)) return !isPublicAddress(host);
  return false;
}

/** For a link typed into a form: true when it is an http(s) URL whose host is refused as above. */
export function linksToPrivateHost(link: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === "http:" || url.protocol === "https:") && isPrivateHost(url.hostname);
  } catch {
    return false;
  }
}
