// @mentions: "@Ada Lovelace" or "@ada@example.com" in a comment, matched against the people of
// one team only, so a name that belongs to someone outside the team is just text. Pure, so the
// page highlights exactly what the server stored.

export type Person = { userId: string; name: string | null; email: string | null };
export type Segment = { text: string; userId?: string };

// What may not follow a mention ("@Ann" is not a mention of "@Anna"), and what may not precede
// the "@" (an address written in the text, "bob@example.com", mentions nobody).
const WORDISH = /[\p{L}\p{N}_-]/u;
const BEFORE = /[\p{L}\p{N}_.+-]/u;

/** Every way each person can be named, longest first, so "@Ada Lovelace" wins over "@Ada". */
function handles(people: Person[]): { handle: string; userId: string }[] {
  const out: { handle: string; userId: string }[] = [];
  for (const p of people) {
    for (const h of [p.name, p.email]) {
      const t = h?.trim().toLowerCase();
      if (t) out.push({ handle: t, userId: p.userId });
    }
  }
  return out.sort((a, b) => b.handle.length - a.handle.length);
}

/** The body cut into plain text and mentions of these people, in order. */
export function mentionSegments(body: string, people: Person[]): Segment[] {
  const all = handles(people);
  const lower = body.toLowerCase();
  const out: Segment[] = [];
  let plain = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "@" || (i > 0 && BEFORE.test(body[i - 1]!))) continue;
    const hit = all.find(
      ({ handle }) => lower.startsWith(handle, i + 1) && !WORDISH.test(body[i + 1 + handle.length] ?? ""),
    );
    if (!hit) continue;
    if (i > plain) out.push({ text: body.slice(plain, i) });
    const end = i + 1 + hit.handle.length;
    out.push({ text: body.slice(i, end), userId: hit.userId });
    plain = end;
    i = end - 1;
  }
  if (plain < body.length) out.push({ text: body.slice(plain) });
  return out;
}

/** The user ids mentioned in the body, each once, in the order they appear. */
export function findMentions(body: string, people: Person[]): string[] {
  return [...new Set(mentionSegments(body, people).flatMap((s) => (s.userId ? [s.userId] : [])))];
}
