import "server-only";

// The public share pages are plain HTML written here rather than React pages: a route handler can
// answer 404 and 410 with a body, which a page cannot, and these pages need no script at all (the
// nonce CSP of proxy.ts stays satisfied: styles inline are allowed, scripts are not used). They
// carry nothing of the app's shell or of the team: no navigation, no names.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSS = `
*{box-sizing:border-box}html,body{margin:0;height:100%}
body{background:#0b0b10;color:#f4f4f5;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;display:flex;flex-direction:column;min-height:100dvh}
main{flex:1;width:100%;max-width:1040px;margin:0 auto;padding:32px 20px;display:grid;gap:18px;align-content:center}
h1{margin:0;font-size:clamp(1.25rem,2.5vw,1.75rem);font-weight:600;letter-spacing:-.01em;overflow-wrap:anywhere}
video{display:block;width:100%;height:auto;max-height:75dvh;background:#000;border-radius:12px;box-shadow:0 20px 60px rgba(0,0,0,.5)}
.row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px}
.btn{display:inline-flex;align-items:center;gap:8px;padding:9px 16px;border-radius:8px;border:0;background:#f4f4f5;color:#0b0b10;font:inherit;font-weight:500;text-decoration:none;cursor:pointer}
.btn:hover{background:#d4d4d8}
.card{max-width:380px;width:100%;margin:0 auto;padding:28px;border:1px solid #27272a;border-radius:14px;background:#131318;display:grid;gap:14px;text-align:center}
.card p{margin:0;color:#a1a1aa}
input{width:100%;padding:9px 12px;border-radius:8px;border:1px solid #3f3f46;background:#0b0b10;color:inherit;font:inherit}
.card .err{color:#f87171;font-size:.875rem}
.code{font-size:.875rem;font-weight:600;color:#a78bfa;letter-spacing:.04em}
footer{padding:16px;text-align:center;font-size:.75rem;color:#71717a}
body.embed main{padding:0;max-width:none}body.embed video{max-height:100dvh;height:100dvh;border-radius:0;box-shadow:none}
`;

/** A whole document; `head` is already-escaped meta tags. */
export function htmlDocument(o: { title: string; head?: string; body: string; embed?: boolean }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${esc(o.title)}</title>${o.head ?? ""}
<link rel="icon" href="/icon.svg"><style>${CSS}</style></head>
<body${o.embed ? ' class="embed"' : ""}><main>${o.body}</main>${o.embed ? "" : "<footer>Shared with Vimmerse Studio</footer>"}</body></html>`;
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): Response {
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
      ...headers,
    },
  });
}

/** The same answer for an unknown and a revoked link. */
export const goneResponse = () =>
  htmlResponse(
    404,
    htmlDocument({
      title: "Page not found",
      body: `<div class="card"><span class="code">404</span><h1>Page not found</h1><p>This link doesn't exist or is no longer shared.</p></div>`,
    }),
  );

export const expiredResponse = () =>
  htmlResponse(
    410,
    htmlDocument({
      title: "Link expired",
      body: `<div class="card"><span class="code">410</span><h1>This link has expired</h1><p>Ask whoever sent it for a new one.</p></div>`,
    }),
  );
