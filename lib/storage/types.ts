/** Where the app keeps files it owns: uploads and its copies of finished videos. */
export interface Storage {
  readonly kind: "local" | "uploadthing";
  /** Stores a file under a key the caller chooses (uploadthing may return its own key). */
  put(key: string, body: ReadableStream<Uint8Array> | Uint8Array, contentType: string): Promise<StoredFile>;
  /**
   * Streams a file back, or null when it is not there. With a range the store may read only
   * those bytes (a <video> seeking near the end of a large file); `range` in the answer says it did.
   */
  get(key: string, range?: ByteRange): Promise<StoredRead | null>;
  delete(key: string): Promise<void>;
}

export type StoredFile = { key: string; bytes: number; url: string | null };

/** Bytes start..end, both inclusive, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

export type StoredRead = {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** The whole file's size, when known. */
  bytes?: number;
  /** Set when `body` holds only these bytes of the file rather than all of it. */
  range?: ByteRange;
};
