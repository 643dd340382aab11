import type { ActivityKind, NotificationKind } from "@/db/library-schema";

// Every sentence the feed, the bell and the emails say, in one place. A template names its
// subjects with {actor} (who did it), {media} (the video, linked when it still exists) and
// {member} (the person who joined or left); the page fills them in.

const plural = (n: number) => `${n} video${n === 1 ? "" : "s"}`;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export function describeActivity(kind: ActivityKind, data: Record<string, unknown>): string {
  const count = num(data.count);
  const many = count > 1;
  switch (kind) {
    case "created":
      return "{actor} started a render of {media}";
    case "finished":
      return num(data.generation) > 1
        ? "{media} finished rendering (version {generation})"
        : "{media} finished rendering";
    case "failed":
      return data.status === "cancel" ? "The render of {media} was cancelled" : "The render of {media} failed";
    case "commented":
      return "{actor} commented on {media}";
    case "shared":
      return "{actor} made a share link for {media}";
    case "deleted":
      if (data.forever) return many ? `{actor} deleted ${plural(count)} forever` : "{actor} deleted {media} forever";
      return many ? `{actor} moved ${plural(count)} to the Trash` : "{actor} moved {media} to the Trash";
    case "restored":
      return many ? `{actor} restored ${plural(count)} from the Trash` : "{actor} restored {media} from the Trash";
    case "member_joined":
      return data.role === "viewer" ? "{actor} joined the team as a viewer" : "{actor} joined the team";
    case "member_left":
      return data.removed ? "{actor} removed {member} from the team" : "{actor} left the team";
  }
}

export function describeNotification(kind: NotificationKind): string {
  switch (kind) {
    case "render_finished":
      return "Your video {media} finished rendering";
    case "render_failed":
      return "Your video {media} did not render";
    case "mentioned":
      return "{actor} mentioned you on {media}";
  }
}

export type Part = { kind: "text" | "actor" | "media" | "member"; text: string };

/** A template cut into its parts, each subject filled in (the page links {media} itself). */
export function fill(template: string, subjects: Record<"actor" | "media" | "member" | "generation", string>): Part[] {
  return template
    .split(/(\{actor\}|\{media\}|\{member\}|\{generation\})/)
    .filter(Boolean)
    .map((piece) => {
      const key = /^\{(actor|media|member|generation)\}$/.exec(piece)?.[1] as keyof typeof subjects | undefined;
      if (!key) return { kind: "text", text: piece };
      return { kind: key === "generation" ? "text" : key, text: subjects[key] };
    });
}

/** The sentence as plain text (emails): the media in quotes. */
export const plainText = (parts: Part[]) => parts.map((p) => (p.kind === "media" ? `“${p.text}”` : p.text)).join("");

export const someone = (name: string | null | undefined, email?: string | null) =>
  name?.trim() || email?.trim() || "A former member";
export const titleOf = (title: string | null | undefined, kept?: unknown) =>
  title?.trim() || (typeof kept === "string" && kept.trim()) || "Untitled video";
