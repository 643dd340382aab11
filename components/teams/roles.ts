import type { TeamRole } from "@/db/schema";

// What each role may do, in the words the settings page shows beside the role pickers. The
// rules themselves live in lib/teams/service.ts and the doors' `min`; these only describe them.

export const ROLES: { value: TeamRole; label: string; description: string }[] = [
  { value: "viewer", label: "Viewer", description: "can watch and download videos, but not create, change or spend." },
  { value: "member", label: "Member", description: "can also create, edit and render videos, which spends credits." },
  { value: "admin", label: "Admin", description: "can also invite people, manage members and rename the team." },
  {
    value: "owner",
    label: "Owner",
    description: "can do everything, including making owners; a team always keeps one.",
  },
];

const find = (role: TeamRole) => ROLES.find((r) => r.value === role);
export const roleLabel = (role: TeamRole) => find(role)?.label ?? role;
/** "Viewers can watch and download videos, …": what the role allows, as a sentence. */
export const roleSentence = (role: TeamRole) => `${roleLabel(role)}s ${find(role)?.description ?? ""}`;
