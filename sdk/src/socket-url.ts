import { WeconetError } from "./errors.js";
import { NUMBERS } from "./vocabulary.js";

/** The longest socket URL the directory accepts, in bytes (`SocketDirectory.MAX_URL_LENGTH`). */
export const MAX_SOCKET_URL_LENGTH = Number(NUMBERS.SocketDirectory.MAX_URL_LENGTH);

/**
 * What is wrong with `url` as a socket URL, in the words the SDK uses for the contract's own refusal, or
 * undefined when the directory accepts it: 1 to `MAX_SOCKET_URL_LENGTH` bytes of printable ASCII (no spaces or control characters),
 * starting with `http://` or `https://` and a host. The contract checks the same (contracts/socket/
 * SocketDirectory.sol `_validateUrl`); this lets a form say so while the member types, before anything is sent.
 */
export function socketUrlProblem(url: string): string | undefined {
  const bytes = new TextEncoder().encode(url);
  if (bytes.length === 0) return "A socket URL must not be empty.";
  if (bytes.length > MAX_SOCKET_URL_LENGTH) {
    return `A socket URL of ${bytes.length} bytes is too long: at most ${MAX_SOCKET_URL_LENGTH}.`;
  }
  const hasPrefix = (prefix: string) => url.startsWith(prefix) && bytes.length > prefix.length;
  if (!hasPrefix("http://") && !hasPrefix("https://")) {
    return "A socket URL must start with http:// or https:// followed by the host.";
  }
  const index = bytes.findIndex((b) => b < 0x21 || b > 0x7e);
  if (index !== -1) {
    return `A socket URL must be printable ASCII without spaces: the byte at position ${index} is not.`;
  }
  return undefined;
}

/**
 * `url` when it is a valid socket URL (see {@link socketUrlProblem}); else a {@link WeconetError} saying why,
 * prefixed with what was being done (as the SDK's errors from contracts are).
 */
export function checkSocketUrl(url: string, doing?: string): string {
  const problem = socketUrlProblem(url);
  if (problem !== undefined) throw new WeconetError(doing === undefined ? problem : `${doing}: ${problem}`);
  return url;
}
