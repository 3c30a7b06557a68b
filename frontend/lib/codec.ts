/**
 * JSON for the SDK's answers as they cross from the dApp's server to the browser: bigints (ids, amounts, blocks),
 * `undefined` (an optional field set to nothing, a read that found nothing), Maps and Sets survive the trip;
 * functions are refused (a read's arguments are data). Tagged objects carry `TAG`, a key no Weconet view has.
 */
const TAG = "__weconet";

type Tagged =
  | { [TAG]: "bigint"; v: string }
  | { [TAG]: "undefined" }
  | { [TAG]: "map"; v: [unknown, unknown][] }
  | { [TAG]: "set"; v: unknown[] };

function replace(this: unknown, key: string, value: unknown): unknown {
  // `value` has been through toJSON already: a Date arrives as its ISO string, as JSON.stringify gives it anyway.
  switch (typeof value) {
    case "bigint":
      return { [TAG]: "bigint", v: value.toString() } satisfies Tagged;
    case "undefined":
      return { [TAG]: "undefined" } satisfies Tagged;
    case "function":
    case "symbol":
      throw new TypeError(`cannot send ${typeof value} ${key === "" ? "" : `"${key}" `}between server and browser`);
    case "object":
      if (value instanceof Map) return { [TAG]: "map", v: [...value.entries()] } satisfies Tagged;
      if (value instanceof Set) return { [TAG]: "set", v: [...value] } satisfies Tagged;
      return value;
    case "string":
    case "number":
    case "boolean":
      return value;
  }
}

function isTagged(value: unknown): value is Tagged {
  return typeof value === "object" && value !== null && !Array.isArray(value) && TAG in value;
}

function revive(_key: string, value: unknown): unknown {
  if (!isTagged(value)) return value;
  const tag = value[TAG];
  switch (tag) {
    case "bigint":
      return BigInt(value.v);
    case "undefined":
      return undefined;
    case "map":
      return new Map(value.v);
    case "set":
      return new Set(value.v);
  }
  throw new TypeError(`unknown tagged value "${String(tag)}"`);
}

/** `value` as text that {@link decode} turns back into an equal value. */
export function encode(value: unknown): string {
  return JSON.stringify(value, replace);
}

/** The value {@link encode} wrote. */
export function decode(text: string): unknown {
  return JSON.parse(text, revive);
}
