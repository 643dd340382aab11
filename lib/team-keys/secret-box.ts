import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// AES-256-GCM for secrets stored in the database (teams' own Vimmerse keys). A sealed value is
// `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url): the key id (a fingerprint, never the key)
// lets `open` pick the right key among the current and previous ones while keys rotate, and the
// version lets the format change without guessing. The caller's context (the team id) is bound
// as additional data, so a value copied into another team's row does not open. Errors name no
// key and no plaintext: they say only that the value could not be opened.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF's label when the key is derived from AUTH_SECRET: changing it makes every stored value unreadable. */
const HKDF_INFO = "studio:team-vimmerse-keys:v1";

export type KeyRing = {
  /** Seals every new value. */
  current: Buffer;
  /** Still opened (older keys during a rotation), never used to seal. */
  previous: Buffer[];
};

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** A short public fingerprint of a key: the first 8 hex digits of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** The 32-byte key derived from AUTH_SECRET when no ENCRYPTION_KEY is configured. */
export function deriveKeyFromSecret(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(authSecret, "utf8"), Buffer.alloc(0), HKDF_INFO, 32));
}

/**
 * The ring from the configuration: ENCRYPTION_KEY seals, else the AUTH_SECRET-derived key does.
 * The derived key stays readable after an ENCRYPTION_KEY is introduced, so values sealed before
 * it still open (and `keys:rotate` moves them to the new key).
 */
export function keyRingFrom(config: {
  ENCRYPTION_KEY?: Buffer;
  ENCRYPTION_KEY_PREVIOUS?: Buffer[];
  AUTH_SECRET?: string;
}): KeyRing {
  const derived = config.AUTH_SECRET ? deriveKeyFromSecret(config.AUTH_SECRET) : undefined;
  const current = config.ENCRYPTION_KEY ?? derived;
  if (!current) throw new SecretBoxError("No encryption key: set ENCRYPTION_KEY or AUTH_SECRET.");
  const previous = [...(config.ENCRYPTION_KEY_PREVIOUS ?? []), ...(derived ? [derived] : [])].filter(
    (k) => !k.equals(current),
  );
  return { current, previous };
}

const b64 = (b: Buffer) => b.toString("base64url");

export function seal(ring: KeyRing, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyIdOf(ring.current), b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(".");
}

type Parsed = { keyId: string; iv: Buffer; tag: Buffer; ct: Buffer };

function parse(sealed: string): Parsed {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError("Unknown sealed format.");
  const [, keyId, iv, tag, ct] = parts as [string, string, string, string, string];
  const parsed = {
    keyId,
    iv: Buffer.from(iv, "base64url"),
    tag: Buffer.from(tag, "base64url"),
    ct: Buffer.from(ct, "base64url"),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new SecretBoxError("Malformed value.");
  return parsed;
}

/** The key id a sealed value names (to tell whether a rotation must re-seal it). */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).keyId;
}

export function open(ring: KeyRing, context: string, sealed: string): string {
  const p = parse(sealed);
  const key = [ring.current, ...ring.previous].find((k) => keyIdOf(k) === p.keyId);
  if (!key) throw new SecretBoxError("Sealed with a key that is not configured.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, p.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(p.tag);
    return Buffer.concat([decipher.update(p.ct), decipher.final()]).toString("utf8");
  } catch {
    // Node's message is generic, but the cause is dropped anyway: nothing about the value leaks.
    throw new SecretBoxError("Value could not be opened (altered, or sealed for something else).");
  }
}
