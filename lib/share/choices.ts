// The share dialog's expiry choices, apart from the zod schema so the dialog ships no zod.

export const EXPIRY_CHOICES = [
  { value: "none", label: "Never" },
  { value: "1d", label: "In 1 day" },
  { value: "7d", label: "In 7 days" },
  { value: "30d", label: "In 30 days" },
  { value: "date", label: "On a date…" },
] as const;
