import { z } from "zod";

// Field parsers that behave like upstream's FastAPI/pydantic form fields: form values arrive as
// strings (JSON bodies may carry numbers), "" means "not given", and a bad value yields an issue
// with pydantic's message and type so a client sees the same 422 as from the real service.

class Bad {
  constructor(
    readonly msg: string,
    readonly type: string,
  ) {}
}

function field<T>(parse: (v: unknown) => T | Bad) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T => {
      const r = parse(v);
      if (r instanceof Bad) {
        ctx.addIssue({ code: "custom", message: r.msg, params: { type: r.type }, input: v });
        return z.NEVER;
      }
      return r;
    });
}

/** A single scalar as a string; undefined when absent. */
function scalar(v: unknown): string | undefined | Bad {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return new Bad("Input should be a valid string", "string_type");
}

const orList = (values: readonly string[]) => {
  const q = values.map((v) => `'${v}'`);
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
};

/** Free text; absent gives `fallback` ("" given stays ""). */
export function text<D extends string | undefined>(max: number, fallback: D) {
  return field<string | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined) return fallback;
    if (s.length > max) return new Bad(`String should have at most ${max} characters`, "string_too_long");
    return s;
  });
}

/** An integer in [lo, hi]; absent or "" gives `fallback`. */
export function int<D extends number | undefined>(lo: number, hi: number, fallback: D) {
  return field<number | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined || s.trim() === "") return fallback;
    if (!/^[+-]?\d+(\.0*)?$/.test(s.trim())) {
      return new Bad("Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }
    const n = Number.parseInt(s.trim(), 10);
    if (n < lo) return new Bad(`Input should be greater than or equal to ${lo}`, "greater_than_equal");
    if (n > hi) return new Bad(`Input should be less than or equal to ${hi}`, "less_than_equal");
    return n;
  });
}

/** A number in [lo, hi]; absent or "" gives `fallback`. */
export function num<D extends number | undefined>(lo: number, hi: number, fallback: D) {
  return field<number | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined || s.trim() === "") return fallback;
    const n = Number(s.trim());
    if (!Number.isFinite(n))
      return new Bad("Input should be a valid number, unable to parse string as a number", "float_parsing");
    if (n < lo) return new Bad(`Input should be greater than or equal to ${lo}`, "greater_than_equal");
    if (n > hi) return new Bad(`Input should be less than or equal to ${hi}`, "less_than_equal");
    return n;
  });
}

/** One of `values`; absent or "" gives `fallback`. */
export function choice<const V extends readonly string[], D extends V[number] | "" | undefined>(
  values: V,
  fallback: D,
) {
  return field<V[number] | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined || s === "") return fallback;
    if (!values.includes(s)) return new Bad(`Input should be ${orList(values)}`, "literal_error");
    return s as V[number];
  });
}

/** An http(s) URL; "" is allowed (means "none"), absent gives `fallback`. */
export function url<D extends string | undefined>(fallback: D) {
  return field<string | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined) return fallback;
    if (s.trim() === "") return "";
    return checkUrl(s.trim());
  });
}

export function checkUrl(s: string): string | Bad {
  if (s.length > 2048) return new Bad("URL should have at most 2048 characters", "url_too_long");
  try {
    const u = new URL(s);
    if (u.protocol !== "http:" && u.protocol !== "https:")
      return new Bad("URL scheme should be 'http' or 'https'", "url_scheme");
    return u.toString();
  } catch {
    return new Bad("Input should be a valid URL, relative URL without a base", "url_parsing");
  }
}

/** A motion type name: the known ones and any future upstream model name alike. */
export const MOTION_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
export function motionType<D extends string | undefined>(fallback: D) {
  return field<string | D>((v) => {
    const s = scalar(v);
    if (s instanceof Bad) return s;
    if (s === undefined || s === "") return fallback;
    if (!MOTION_TYPE.test(s))
      return new Bad("Input should be a motion type name such as 'Auto', 'Parallax' or 'KlingAI'", "value_error");
    return s;
  });
}

/**
 * A list given either as repeated form fields or as one JSON-encoded list (both are seen in
 * upstream's own examples), or as a real list in a JSON body.
 */
export function jsonList(v: unknown): unknown[] | Bad {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    if (v.length === 1 && typeof v[0] === "string" && v[0].trim().startsWith("[")) return jsonList(v[0]);
    return v.filter((x) => x !== "");
  }
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return [];
    if (!s.startsWith("[")) return [s];
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      /* fall through */
    }
    return new Bad("Invalid JSON: expected a list", "json_invalid");
  }
  return new Bad("Input should be a valid list", "list_type");
}

export function list<T extends z.ZodType>(item: T, max: number) {
  return field<unknown[]>((v) => jsonList(v)).pipe(z.array(item).max(max, `List should have at most ${max} items`));
}

/** A JSON object given as a string (form field) or as an object (JSON body). */
export function jsonObject(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return v; // left for the object schema to reject with a proper issue
  }
}

export const url1 = field<string>((v) => {
  const s = scalar(v);
  if (s instanceof Bad) return s;
  if (s === undefined || s.trim() === "") return new Bad("Field required", "missing");
  return checkUrl(s.trim());
});
