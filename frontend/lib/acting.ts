import type { Address, PublicClient } from "viem";
import { getPublicClient, getWalletClient } from "wagmi/actions";

import { createWeconet, sendCall, type Sent, type SigningClient, type Weconet } from "@weconet/sdk";

import { DEMO_EURO_ABI } from "./faucet";

import { deploymentOf, type ChainConfig } from "./network";
import type { WeconetWagmiConfig } from "./wagmi";

export { failureOf } from "./failure";
// Used with the actions: the registration consent an application account signs and its developer hands in.
export { encodeRegistrationConsent, parseRegistrationConsent } from "@weconet/sdk";

/**
 * The SDK acting as the connected wallet on `chain` — loaded with the first action (the SDK's actions, its error
 * decoding and viem's transaction code are not needed to show a page). `observe` may wrap the wallet (to report a
 * transaction's hash as soon as the wallet hands it over).
 */
export async function actingWeconet(
  config: WeconetWagmiConfig,
  chain: ChainConfig,
  observe: (wallet: SigningClient) => SigningClient = (wallet) => wallet,
): Promise<Weconet> {
  // wagmi's clients are viem's for this chain; the SDK takes any chain's.
  const publicClient = getPublicClient(config, { chainId: chain.chainId }) as PublicClient | undefined;
  if (publicClient === undefined) throw new Error(`no client for chain ${chain.chainId}`);
  const wallet = (await getWalletClient(config, { chainId: chain.chainId })) as SigningClient;
  return createWeconet({ deployment: deploymentOf(chain), publicClient, walletClient: observe(wallet) });
}

/** Claims from the demo token's faucet as the acting wallet (simulated first, like every SDK action). */
export function claimFromFaucet(w: Weconet, token: Address): Promise<Sent> {
  return sendCall(w.context, {
    address: token,
    abi: DEMO_EURO_ABI,
    functionName: "claim",
    args: [],
    doing: "claim from the demo faucet",
  });
}
