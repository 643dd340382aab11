import { fail, unprocessable } from "./errors";

// Request bodies in the three encodings upstream accepts, read into one shape: text fields as
// lists of strings (a field may repeat) and uploaded files by field name.

export const MAX_BODY_BYTES = 60 * 1024 * 1024;

export type FormInput = {
  fields: Map<string, string[]>;
  files: Map<string, File[]>;
};

function checkSize(req: Request) {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw fail(413, "REQUEST_TOO_LARGE");
}

const kind = (req: Request) => (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

export async function readJson(req: Request): Promise<unknown> {
  checkSize(req);
  const raw = await req.text();
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw unprocessable([{ loc: ["body", 0], msg: "JSON decode error", type: "json_invalid" }]);
  }
}

/** JSON values flattened the way a form would carry them. */
function fromJson(value: unknown): FormInput {
  const fields = new Map<string, string[]>();
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      const items = Array.isArray(v) && k !== "media_items" && k !== "pose_preset" ? v : [v];
      fields.set(
        k,
        items.map((x) => (typeof x === "string" ? x : JSON.stringify(x))),
      );
    }
  } else {
    throw unprocessable([{ loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type" }]);
  }
  return { fields, files: new Map() };
}

export async function readForm(req: Request): Promise<FormInput> {
  checkSize(req);
  const type = kind(req);
  if (type === "application/json") return fromJson(await readJson(req));
  if (type !== "multipart/form-data" && type !== "application/x-www-form-urlencoded") {
    // An empty body (e.g. PUT edit with nothing to change) is fine; anything else is not a form.
    const rest = await req.text();
    if (rest.trim() === "") return { fields: new Map(), files: new Map() };
    throw unprocessable([
      {
        loc: ["body"],
        msg: "Expected multipart/form-data or application/x-www-form-urlencoded",
        type: "model_attributes_type",
      },
    ]);
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw fail(400, "INVALID_FORM_DATA");
  }
  const fields = new Map<string, string[]>();
  const files = new Map<string, File[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      fields.set(name, [...(fields.get(name) ?? []), value]);
    } else if (value.size > 0 || value.name !== "") {
      // Browsers send an empty, nameless file part for a file input left blank.
      files.set(name, [...(files.get(name) ?? []), value]);
    }
  }
  return { fields, files };
}

/** The last value of each single-valued field, every value of the list fields. */
export function formObject(form: FormInput, listFields: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, values] of form.fields) out[k] = listFields.includes(k) ? values : values[values.length - 1];
  return out;
}
