import {
  encodeFunctionData,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type ContractFunctionParameters,
  type Hex,
} from "viem";

import type { WeconetContext } from "../client.js";
import { abiOfKey, nameOfKey, type AbiOf, type ContractKey, type NameOfKey } from "../contracts.js";
import { toWeconetError } from "../errors.js";

type ViewAbi<K extends ContractKey> = AbiOf<NameOfKey<K>>;
/** A view (or pure) function of the contract with key `K`. */
export type ViewName<K extends ContractKey> = ContractFunctionName<ViewAbi<K>, "view" | "pure">;
export type ViewArgs<K extends ContractKey, F extends ViewName<K>> = ContractFunctionArgs<
  ViewAbi<K>,
  "view" | "pure",
  F
>;
export type ViewResult<K extends ContractKey, F extends ViewName<K>> = ContractFunctionReturnType<
  ViewAbi<K>,
  "view" | "pure",
  F
>;

interface Pending {
  call: ContractFunctionParameters;
  /** The ABI-encoded size this call adds to a multicall (for chunking). */
  size: number;
  settle(outcome: { status: "success"; result: unknown } | { status: "failure"; error: unknown }): void;
}

/**
 * A deployless multicall's calldata is init code, which nodes cap at 49,152 bytes (EIP-3860): about 4 kB of it is
 * Multicall3's code, so a chunk holds at most this many bytes of encoded calls (≈ 160 calls of one address each).
 */
const CHUNK_BYTES = 36_000;

/** What one `(address target, bool allowFailure, bytes callData)` element of `aggregate3` costs in calldata. */
function encodedSize(callData: Hex): number {
  const bytes = (callData.length - 2) / 2;
  return 32 * 5 + Math.ceil(bytes / 32) * 32;
}

/**
 * Views of several contracts read in as few `eth_call`s as their size allows (one for a page of a list): each
 * `view(...)` queues a call and returns its promise; `run()` sends them all, as one deployless multicall
 * (Multicall3's code run in the call itself, so it works on any chain, a bare test chain too), at one block.
 * What a list needs the contracts to derive (a proposal's state, whether an offer is bookable now) comes from
 * the contracts this way, never restated in TypeScript, in a number of calls that does not grow with history.
 */
export class ViewBatch {
  readonly #ctx: WeconetContext;
  readonly #blockNumber: bigint | undefined;
  #pending: Pending[] = [];

  constructor(ctx: WeconetContext, blockNumber?: bigint) {
    this.#ctx = ctx;
    this.#blockNumber = blockNumber;
  }

  /**
   * Queues `functionName(args)` of contract `key`. Its promise settles when `run()` has read it; a revert rejects
   * it with the contract's error as a sentence, unless `orElse` gives the value to use instead.
   */
  view<K extends ContractKey, F extends ViewName<K>>(
    key: K,
    functionName: F,
    args: ViewArgs<K, F>,
    options: { orElse?: ViewResult<K, F> } = {},
  ): Promise<ViewResult<K, F>> {
    const abi = abiOfKey(key) as Abi;
    const call = {
      address: this.#ctx.deployment.contracts[key],
      abi,
      functionName: functionName as string,
      args: args as readonly unknown[],
    };
    const size = encodedSize(encodeFunctionData(call));
    return new Promise<ViewResult<K, F>>((resolve, reject) => {
      this.#pending.push({
        call,
        size,
        settle: (outcome) => {
          if (outcome.status === "success") resolve(outcome.result as ViewResult<K, F>);
          else if ("orElse" in options) resolve(options.orElse as ViewResult<K, F>);
          else reject(toWeconetError(outcome.error, `read ${nameOfKey(key)}.${String(functionName)}`));
        },
      });
    });
  }

  /** How many calls are queued. */
  get size(): number {
    return this.#pending.length;
  }

  /** Reads every queued call (chunks in parallel) and settles their promises. Nothing queued: no request. */
  async run(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    const chunks: Pending[][] = [];
    let chunk: Pending[] = [];
    let bytes = 0;
    for (const p of pending) {
      if (chunk.length > 0 && bytes + p.size > CHUNK_BYTES) {
        chunks.push(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(p);
      bytes += p.size;
    }
    if (chunk.length > 0) chunks.push(chunk);
    await Promise.all(
      chunks.map(async (calls) => {
        let outcomes;
        try {
          outcomes = await this.#ctx.publicClient.multicall({
            contracts: calls.map((p) => p.call),
            allowFailure: true,
            deployless: true,
            // the chunks are cut here, by encoded size; viem would cut by call data only
            batchSize: 0,
            ...(this.#blockNumber === undefined ? {} : { blockNumber: this.#blockNumber }),
          });
        } catch (error) {
          for (const p of calls) p.settle({ status: "failure", error });
          return;
        }
        calls.forEach((p, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) p.settle({ status: "failure", error: new Error("multicall: missing result") });
          else if (outcome.status === "success") p.settle({ status: "success", result: outcome.result });
          else p.settle({ status: "failure", error: outcome.error });
        });
      }),
    );
  }
}

/**
 * Reads views through one batch: `queue` queues them synchronously (and may combine their promises), the batch
 * runs, and the combined result is returned.
 */
export async function inOneBatch<T>(
  ctx: WeconetContext,
  blockNumber: bigint | undefined,
  queue: (batch: ViewBatch) => Promise<T>,
): Promise<T> {
  const batch = new ViewBatch(ctx, blockNumber);
  const result = queue(batch);
  // settled by run(); awaited below, after it
  result.catch(() => undefined);
  await batch.run();
  return result;
}
