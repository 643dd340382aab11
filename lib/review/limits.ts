// A comment's longest length, apart from the zod schema so the comment form ships no zod.

export const BODY_MAX = 2000;
