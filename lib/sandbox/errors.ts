import type { z } from "zod";

// Error bodies imitate upstream: {"message": CODE} for 4xx business errors and FastAPI's
// {"detail": [{loc, msg, type}]} for validation errors.

export type FastApiIssue = { loc: (string | number)[]; msg: string; type: string };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(
      typeof body === "object" && body && "message" in body
        ? String((body as { message: unknown }).message)
        : `HTTP ${status}`,
    );
    this.name = "HttpError";
  }
}

export const fail = (status: number, code: string) => new HttpError(status, { message: code });
export const notFound = () => fail(404, "MEDIA_NOT_FOUND");
export const unprocessable = (detail: FastApiIssue[]) => new HttpError(422, { detail });

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/**
 * A custom issue carries FastAPI's error type in params.type (e.g. "int_parsing"); zod's own
 * issues are mapped to the nearest FastAPI type.
 */
export function issueType(issue: z.core.$ZodIssue): string {
  if (issue.code === "custom") {
    const t = (issue.params as { type?: unknown } | undefined)?.type;
    return typeof t === "string" ? t : "value_error";
  }
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "missing" : `${issue.expected}_type`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "string" ? "too_long" : "less_than_equal";
    case "too_small":
      return issue.origin === "array" || issue.origin === "string" ? "too_short" : "greater_than_equal";
    case "invalid_value":
      return "literal_error";
    case "invalid_format":
      return issue.format === "url" ? "url_parsing" : "string_pattern_mismatch";
    case "unrecognized_keys":
      return "extra_forbidden";
    default:
      return "value_error";
  }
}

export function zodToDetail(error: z.ZodError, prefix: (string | number)[]): FastApiIssue[] {
  return error.issues.map((issue) => ({
    loc: [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
    msg: issue.message,
    type: issueType(issue),
  }));
}

/** Parses or throws a 422 whose loc fields start with `prefix` (e.g. ["body"]). */
export function parseOr422<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[]): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw unprocessable(zodToDetail(result.error, prefix));
  return result.data;
}
