import { ROLES } from "@/components/teams/roles";

/** The roles and what each may do, beside the picker that grants them. */
export function RoleGuide() {
  return (
    <dl className="grid gap-1.5 rounded-lg border bg-muted/40 p-3 text-sm" data-testid="role-guide">
      {ROLES.map((r) => (
        <div key={r.value} className="grid gap-x-3 sm:grid-cols-[5rem_1fr]">
          <dt className="font-medium">{r.label}</dt>
          <dd className="text-muted-foreground first-letter:uppercase">{r.description}</dd>
        </div>
      ))}
    </dl>
  );
}
