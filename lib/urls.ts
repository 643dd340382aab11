// Every address the app builds, in one place: pages link with these, routes are reached by them,
// and a rename of a route changes one line. Client-safe: no server imports.

const seg = encodeURIComponent;

export const urls = {
  team: (team: string) => `/t/${seg(team)}`,
  create: (team: string, remix?: string) => `/t/${seg(team)}/create${remix ? `?remix=${seg(remix)}` : ""}`,
  media: (team: string, mediaId: string) => `/t/${seg(team)}/media/${seg(mediaId)}`,
  settings: (team: string) => `/t/${seg(team)}/settings`,
  usage: (team: string) => `/t/${seg(team)}/usage`,
  invite: (token: string) => `/invite/${seg(token)}`,
  signIn: (callbackUrl?: string) => (callbackUrl ? `/sign-in?callbackUrl=${seg(callbackUrl)}` : "/sign-in"),
  signUp: (callbackUrl?: string, email?: string) => {
    const q = new URLSearchParams();
    if (callbackUrl) q.set("callbackUrl", callbackUrl);
    if (email) q.set("email", email);
    return q.size ? `/sign-up?${q}` : "/sign-up";
  },
  // Route handlers.
  upload: (team: string, uploadId: string) => `/api/t/${seg(team)}/uploads/${seg(uploadId)}`,
  /** The upload's small WebP (falls back to the upload itself when it has none). */
  uploadThumbnail: (team: string, uploadId: string) => `/api/t/${seg(team)}/uploads/${seg(uploadId)}/thumbnail`,
  uploads: (team: string) => `/api/t/${seg(team)}/uploads`,
  asset: (team: string, mediaId: string, assetId: string) =>
    `/api/t/${seg(team)}/media/${seg(mediaId)}/assets/${seg(assetId)}`,
  download: (team: string, mediaId: string) => `/api/t/${seg(team)}/media/${seg(mediaId)}/download`,
  /** This month's ledger of the team as CSV (owners and admins). */
  usageCsv: (team: string) => `/api/t/${seg(team)}/usage.csv`,
  mediaStatus: (team: string, ids: string) => `/api/t/${seg(team)}/media/status?ids=${ids}`,
} as const;

/** An absolute address on the app's public URL (for emails and upstream's callbacks). */
export const absoluteUrl = (appUrl: string, path: string) => `${appUrl.replace(/\/+$/, "")}${path}`;
