/** Where the app keeps files it owns: uploads and its copies of finished videos. */
export interface Storage {
  readonly kind: "local" | "uploadthing";
  /** Stores a file under a key the caller chooses (uploadthing may return its own key). */
  put(key: string, body: ReadableStream<Uint8Array> | Uint8Array, contentType: string): Promise<StoredFile>;
  /** Streams a file back, or null when it is not there. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; contentType: string; bytes?: number } | null>;
  delete(key: string): Promise<void>;
}

export type StoredFile = { key: string; bytes: number; url: string | null };
