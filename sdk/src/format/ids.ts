/**
 * Long ids as people read and type them: a proposal id (a 256-bit hash, 78 digits), a transaction hash or an
 * address shortened with both ends kept ("716960…4849", "0x1234…abcd"), and a shortened or partly typed id
 * resolved back to the one full id it names.
 */
import { WeconetError } from "../errors.js";

/** Keeps the first `head` and last `tail` characters of a long text around "…". */
const shorten = (text: string, head: number, tail: number) =>
  text.length > head + tail + 2 ? `${text.slice(0, head)}…${text.slice(-tail)}` : text;

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return shorten(address, 6, 4);
}

/** A long id short enough to read: a number as "716960…4849", a hex hash as "0x1234…abcd"; short ones stay whole. */
export function shortId(id: bigint | string): string {
  const text = typeof id === "bigint" ? id.toString() : id;
  return shorten(text, 6, 4);
}

/** Whether two addresses are the same account (addresses compare without their checksum case). */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * The full id among `ids` that `typed` names: the id itself, a unique prefix of one ("716960"), or a shortened id
 * as {@link shortId} shows it ("716960…4849", also with "..."). Throws a WeconetError saying which ids it could be,
 * or that none is known, naming `what` ("proposal").
 */
export function resolveId(typed: string, ids: readonly bigint[], what = "id"): bigint {
  const t = typed.trim();
  const parts = /^(\d*)(?:…|\.\.\.)(\d*)$/.exec(t);
  if (!/^\d+$/.test(t) && parts === null) {
    throw new WeconetError(
      `"${typed}" is not a ${what} id: type its digits, a first few of them, or its short form such as 716960…4849.`,
    );
  }
  const [head, tail] = parts === null ? [t, ""] : [parts[1] ?? "", parts[2] ?? ""];
  const texts = [...new Set(ids.map((id) => id.toString()))];
  if (parts === null && texts.includes(BigInt(t).toString())) return BigInt(t);
  const matching = texts.filter(
    (id) => id.startsWith(head) && id.endsWith(tail) && id.length >= head.length + tail.length,
  );
  const [only] = matching;
  if (matching.length === 1 && only !== undefined) return BigInt(only);
  if (matching.length === 0) throw new WeconetError(`No ${what} id known here matches ${t}.`);
  throw new WeconetError(
    `${t} matches ${matching.length} ${what} ids (${matching
      .slice(0, 3)
      .map((id) => shortId(id))
      .join(", ")}${matching.length > 3 ? ", …" : ""}): type more of its digits.`,
  );
}
