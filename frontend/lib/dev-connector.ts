import { createConnector } from "wagmi";
import type { Address, Chain, EIP1193RequestFn } from "viem";

import type { DevWalletProvider } from "./dev-wallet";
import type { DevWalletAccount } from "./network";

/**
 * The development wallet's provider, loaded at its first request: wagmi asks every connector for its provider when
 * a page loads (to reconnect), and the real one signs with the account's key (viem's accounts and secp256k1), which
 * a page that nobody acts on does not need.
 */
function lazyProvider(person: DevWalletAccount, chain: Chain, rpcUrl: string): DevWalletProvider {
  let real: Promise<DevWalletProvider> | undefined;
  const load = () => (real ??= import("./dev-wallet").then((m) => m.devWalletProvider(person, chain, rpcUrl)));
  const request = (async (args: Parameters<EIP1193RequestFn>[0]) => (await load()).request(args)) as EIP1193RequestFn;
  return { request, on: () => undefined, removeListener: () => undefined };
}

/** The wagmi connector of one demo person's development account (id `weconet-dev-<name>`). */
export function devWallet(person: DevWalletAccount, chain: Chain, rpcUrl: string) {
  const id = `weconet-dev-${person.name}`;
  // Remembered between page loads so that wagmi reconnects this person only (not every development account).
  const key = `${id}.connected`;
  return createConnector<DevWalletProvider>((config) => {
    // One provider per connector: wagmi compares them to skip a wallet it already tried.
    const provider = lazyProvider(person, chain, rpcUrl);
    return {
      id,
      name: `${person.name} (development account)`,
      type: "weconet-dev",
      async connect<withCapabilities extends boolean = false>() {
        await config.storage?.setItem(key, true);
        const accounts = [person.address];
        return { accounts, chainId: chain.id } as unknown as {
          accounts: withCapabilities extends true
            ? readonly { address: Address; capabilities: Record<string, unknown> }[]
            : readonly Address[];
          chainId: number;
        };
      },
      async disconnect() {
        await config.storage?.removeItem(key);
      },
      async getAccounts() {
        return [person.address];
      },
      async getChainId() {
        return chain.id;
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        return (await config.storage?.getItem(key)) === true;
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        config.emitter.emit("disconnect");
      },
    };
  });
}
