// The review card talks to the page's players through the page itself: it asks for a seek with
// a window event (the players stay server-rendered and know nothing of reviews) and reads the
// time from the <video> elements the players render (components/media/variant-players.tsx).

export const SEEK_EVENT = "studio:seek";
export type SeekDetail = { seconds: number };

/** The page's variant players (every variant of the version shown). */
export const players = () => [...document.querySelectorAll<HTMLVideoElement>("video[data-variant]")];

export function seekTo(seconds: number) {
  window.dispatchEvent(new CustomEvent<SeekDetail>(SEEK_EVENT, { detail: { seconds } }));
}

/** Where the person is watching: the playing player, else the one moved furthest, in ms; null without players. */
export function currentTimeMs(): number | null {
  const all = players();
  if (all.length === 0) return null;
  const watched = all.find((v) => !v.paused) ?? [...all].sort((a, b) => b.currentTime - a.currentTime)[0]!;
  return Math.round(watched.currentTime * 1000);
}
