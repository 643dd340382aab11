import "server-only";
import { absoluteUrl } from "@/lib/urls";
import { esc, htmlDocument } from "./html";
import type { SharedCopy } from "./shared-copy";
import { shareUrls } from "./tokens";

// The three public documents of a link: the player page, the password gate, the bare embed.

type Shown = { token: string; title: string; copy: SharedCopy; allowDownload: boolean; appUrl: string };

const titleOf = (title: string) => title.trim() || "Untitled video";
const meta = (attr: "property" | "name", key: string, value: string | number) =>
  `<meta ${attr}="${key}" content="${esc(String(value))}">`;

/** Open Graph and Twitter player tags, so a pasted link unfurls as a playable video. */
function unfurlTags(s: Shown): string {
  const abs = (path: string) => absoluteUrl(s.appUrl, path);
  const video = abs(shareUrls.video(s.token));
  const poster = s.copy.poster ? abs(shareUrls.poster(s.token)) : null;
  const { width, height } = s.copy;
  return [
    meta("property", "og:title", titleOf(s.title)),
    meta("property", "og:type", "video.other"),
    meta("property", "og:url", abs(shareUrls.page(s.token))),
    ...(poster ? [meta("property", "og:image", poster)] : []),
    meta("property", "og:video", video),
    ...(video.startsWith("https:") ? [meta("property", "og:video:secure_url", video)] : []),
    meta("property", "og:video:type", "video/mp4"),
    meta("property", "og:video:width", width),
    meta("property", "og:video:height", height),
    meta("name", "twitter:card", "player"),
    meta("name", "twitter:title", titleOf(s.title)),
    meta("name", "twitter:player", abs(shareUrls.embed(s.token))),
    meta("name", "twitter:player:width", width),
    meta("name", "twitter:player:height", height),
    meta("name", "twitter:player:stream", video),
    meta("name", "twitter:player:stream:content_type", "video/mp4"),
    ...(poster ? [meta("name", "twitter:image", poster)] : []),
  ].join("");
}

const player = (s: Shown) =>
  `<video data-testid="variant-player" controls playsinline preload="metadata" src="${esc(shareUrls.video(s.token))}"${
    s.copy.poster ? ` poster="${esc(shareUrls.poster(s.token))}"` : ""
  } width="${s.copy.width}" height="${s.copy.height}"></video>`;

export function playerPage(s: Shown): string {
  const download = s.allowDownload
    ? `<a class="btn" href="${esc(shareUrls.download(s.token))}" download>Download</a>`
    : "";
  return htmlDocument({
    title: titleOf(s.title),
    head: unfurlTags(s),
    body: `${player(s)}<div class="row"><h1>${esc(titleOf(s.title))}</h1>${download}</div>`,
  });
}

export function embedPage(s: Shown): string {
  return htmlDocument({ title: titleOf(s.title), body: player(s), embed: true });
}

/** Before the password: no title, no poster, no video address, in the page or its tags. */
export function passwordPage(token: string, error?: string, embed = false): string {
  const form = embed
    ? `<p>This video is protected by a password.</p><a class="btn" href="${esc(shareUrls.page(token))}" target="_blank" rel="noopener">Open it</a>`
    : `<form method="post" action="${esc(shareUrls.page(token))}" style="display:grid;gap:12px">
<label for="password" style="text-align:left;font-size:.875rem">Password</label>
<input id="password" name="password" type="password" autocomplete="off" required autofocus maxlength="200"${
        error ? ' aria-invalid="true" aria-describedby="pw-error"' : ""
      }>${error ? `<p id="pw-error" class="err" role="alert">${esc(error)}</p>` : ""}
<button class="btn" type="submit" style="justify-content:center">View video</button></form>`;
  return htmlDocument({
    title: "A shared video",
    head: meta("property", "og:title", "A password-protected video") + meta("name", "twitter:card", "summary"),
    body: `<div class="card"><h1>This video needs a password</h1><p>Enter the password you were given with the link.</p>${form}</div>`,
    embed,
  });
}
