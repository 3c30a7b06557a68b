import { OutOfGasError, SocketError, toWeconetError, withPersonNames, type PersonNames } from "@weconet/sdk";

import { socketErrorText } from "./socket-errors";

/** Why a transaction failed, in plain words; `outOfGas` when it ran out of gas rather than being refused. */
export interface Failure {
  message: string;
  outOfGas: boolean;
}

/**
 * The plain-words reason of a failure: the SDK decodes contract errors into sentences, and says when a
 * transaction ran out of gas (mined with its whole limit used, or refused by the node's estimate), so that the
 * member knows that sending it again with more gas may work where a contract's refusal would not change. With
 * `names` (the dApp's people), the accounts a message names read by name or short address, not as raw addresses.
 */
export function failureOf(error: unknown, names?: PersonNames): Failure {
  // The data socket's refusals have codes of their own, worded in one place.
  if (error instanceof SocketError) return { message: socketErrorText(error), outOfGas: false };
  const e = toWeconetError(error);
  return {
    message: names === undefined ? e.message : withPersonNames(e.message, names),
    outOfGas: e instanceof OutOfGasError,
  };
}

/** The plain-words reason of a failure (see {@link failureOf}). */
export function failureMessage(error: unknown): string {
  return failureOf(error).message;
}
