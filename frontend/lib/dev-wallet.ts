import {
  createWalletClient,
  hexToBigInt,
  http,
  numberToHex,
  type Address,
  type Chain,
  type EIP1193RequestFn,
  type Hex,
  type TypedDataDefinition,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import type { DevWalletAccount } from "./network";

/** A transaction as a dApp hands it to a wallet (`eth_sendTransaction`): hex quantities. */
export interface RpcTransactionRequest {
  from?: Address;
  to?: Address | null;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
  nonce?: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
}

/** The fields viem's `sendTransaction` takes, from a wallet request's hex quantities. */
export function fromRpcTransaction(tx: RpcTransactionRequest) {
  const quantity = (value: Hex | undefined) => (value === undefined ? undefined : hexToBigInt(value));
  const nonce = quantity(tx.nonce);
  const gasPrice = quantity(tx.gasPrice);
  const maxFeePerGas = quantity(tx.maxFeePerGas);
  const maxPriorityFeePerGas = quantity(tx.maxPriorityFeePerGas);
  return {
    to: tx.to ?? null,
    data: tx.data,
    value: quantity(tx.value),
    gas: quantity(tx.gas),
    nonce: nonce === undefined ? undefined : Number(nonce),
    // Legacy and EIP-1559 fee fields are exclusive: pass on whichever the dApp chose, else let viem price it.
    ...(gasPrice !== undefined
      ? { gasPrice }
      : maxFeePerGas !== undefined
        ? { maxFeePerGas, maxPriorityFeePerGas }
        : {}),
  };
}

/** An EIP-1193 error with the standard code, as wallets raise them. */
class ProviderError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The development wallet: one demo person's development account, signing in the browser with its (public,
 * local-only) key. It is an EIP-1193 provider like any injected wallet, so the dApp sends through exactly the same
 * path (wagmi → viem → `eth_sendTransaction`); the provider signs locally and submits the raw transaction to the
 * local node. The dApp offers it only on the local chain (see NetworkConfig.devAccounts).
 */
export function devWalletProvider(person: DevWalletAccount, chain: Chain, rpcUrl: string) {
  const account = privateKeyToAccount(person.privateKey);
  const transport = http(rpcUrl, { retryCount: 0 });
  const node = transport({ chain, retryCount: 0 });
  const wallet = createWalletClient({ account, chain, transport });
  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    const args = (params ?? []) as unknown[];
    switch (method) {
      case "eth_accounts":
      case "eth_requestAccounts":
        return [account.address];
      case "eth_chainId":
        return numberToHex(chain.id);
      case "eth_sendTransaction": {
        const tx = args[0] as RpcTransactionRequest;
        if (tx.from !== undefined && tx.from.toLowerCase() !== account.address.toLowerCase()) {
          throw new ProviderError(4100, `the development wallet holds ${account.address}, not ${tx.from}`);
        }
        return wallet.sendTransaction({ account, chain, ...fromRpcTransaction(tx) });
      }
      case "personal_sign":
        return account.signMessage({ message: { raw: args[0] as Hex } });
      case "eth_signTypedData_v4":
        return account.signTypedData(JSON.parse(args[1] as string) as TypedDataDefinition);
      case "wallet_switchEthereumChain": {
        const [{ chainId }] = args as [{ chainId: Hex }];
        if (Number(chainId) === chain.id) return null;
        throw new ProviderError(4902, "the development wallet exists only on the local chain");
      }
      default:
        return node.request({ method, params } as never);
    }
  }) as EIP1193RequestFn;
  return { request, on: () => undefined, removeListener: () => undefined };
}

export type DevWalletProvider = ReturnType<typeof devWalletProvider>;
