// Every id the app makes is a UUID; anything else (a hand-edited URL, a forged form) cannot name
// a row, and PostgreSQL would refuse to compare it with a uuid column. The one check for that.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
