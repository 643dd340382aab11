"use client";

import { ROLES } from "@/components/teams/roles";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

type Props = {
  name?: string;
  value?: string;
  defaultValue?: string;
  allowOwner: boolean;
  disabled?: boolean;
  onValueChange?: (v: string) => void;
  label: string;
};

export function RoleSelect({ name, value, defaultValue, allowOwner, disabled, onValueChange, label }: Props) {
  return (
    <Select name={name} value={value} defaultValue={defaultValue} disabled={disabled} onValueChange={onValueChange}>
      <SelectTrigger className="w-32" aria-label={label}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {ROLES.filter((r) => allowOwner || r.value !== "owner").map((r) => (
          <SelectItem key={r.value} value={r.value}>
            {r.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
