/**
 * How the CLI reaches a data socket and signs in to it: which socket (flag, environment, the member's pointer
 * on-chain, the default) and as whom (the CLI's own signer, see connect.ts).
 */
import type { Address } from "viem";

import { createSocketClient, SocketError, type SocketClient, type SocketSession } from "../socket/index.js";
import { describeRefusal } from "../socket/refusals.js";
import { socketUrlProblem } from "../socket-url.js";
import { WeconetError } from "../errors.js";
import type { Weconet } from "../weconet.js";
import { connect, type ConnectOptions } from "./connect.js";

/** Where `npm start` serves its socket, when neither a flag, the environment nor the chain names one. */
export const DEFAULT_SOCKET = "http://127.0.0.1:8600";

export interface SocketOptions extends ConnectOptions {
  socket?: string;
}

/** `url` when it is a socket URL (the directory's own rule), without a trailing slash. */
function checkedUrl(url: string, what: string): string {
  const problem = socketUrlProblem(url);
  if (problem !== undefined) throw new WeconetError(`${what} "${url}": ${problem}`);
  return url.replace(/\/+$/, "");
}

/**
 * The socket that serves `member`'s data: `--socket`, else WECONET_SOCKET_URL, else the member's pointer on-chain
 * (their own socket or the network's default, SocketDirectory.socketOf), else the local default.
 */
export async function socketUrlFor(options: SocketOptions, w: Weconet | undefined, member?: Address): Promise<string> {
  if (options.socket !== undefined) return checkedUrl(options.socket, "--socket");
  const env = options.env.WECONET_SOCKET_URL;
  if (env !== undefined && env !== "") return checkedUrl(env, "WECONET_SOCKET_URL");
  if (w !== undefined) {
    const named = member === undefined ? await w.reads.defaultSocket() : await w.reads.socketOf(member);
    if (named !== undefined && named !== "") return checkedUrl(named, "the socket named on-chain");
  }
  return DEFAULT_SOCKET;
}

/** What to do about some of the socket's answers, beside what the socket says. */
const HINTS: Partial<Record<SocketError["code"], string>> = {
  session_expired: "sign in again: run the command again",
  chain_unreachable: "the socket cannot reach the chain and refuses every read until it can (it fails closed)",
  forbidden: "this needs an active member's session",
};

/**
 * The socket's answer as one sentence for the terminal: a refused read with the reason in words, a network
 * failure with what to check, other errors with the socket's own message and, where it helps, what to do.
 */
export function socketErrorText(error: SocketError, url: string): string {
  if (error.code === "network") {
    return `cannot reach the data socket at ${url}: is it running? (pass --socket <url> or set WECONET_SOCKET_URL)`;
  }
  const reason = error.reason;
  if (error.code === "not_authorized" && reason !== undefined) {
    return `refused: ${error.message.replace(` (${reason})`, "")}: ${describeRefusal(reason)}`;
  }
  const hint = HINTS[error.code];
  return hint === undefined ? error.message : `${error.message} (${hint})`;
}

/** Runs `talk` against the socket at `url`; its errors become sentences (see {@link socketErrorText}). */
export async function atSocket<T>(url: string, talk: () => Promise<T>): Promise<T> {
  try {
    return await talk();
  } catch (error) {
    if (error instanceof SocketError) throw new WeconetError(socketErrorText(error, url), undefined, { cause: error });
    throw error;
  }
}

/**
 * `w`'s signer (the CLI's `--from` or WECONET_PRIVATE_KEY, see connect.ts) signed in (SIWE) to the socket that
 * serves `member`'s data.
 */
export async function signIn(
  options: SocketOptions,
  w: Weconet,
  member: "self" | Address,
): Promise<{ url: string; socket: SocketClient; session: SocketSession }> {
  const walletClient = w.walletClient;
  if (walletClient === undefined) throw new WeconetError("signing in to the socket needs a signer (--from)");
  const url = await socketUrlFor(options, w, member === "self" ? walletClient.account.address : member);
  const socket = createSocketClient({ url });
  const session = await atSocket(url, () => socket.signIn({ walletClient, chainId: w.deployment.chainId }));
  return { url, socket, session };
}

/** Connects as the CLI's signer and signs in to the socket serving `member`'s data. */
export async function signedIn(
  options: SocketOptions,
  member: "self" | Address,
): Promise<{ w: Weconet; url: string; socket: SocketClient; session: SocketSession }> {
  const w = await connect(options, true);
  return { w, ...(await signIn(options, w, member)) };
}
