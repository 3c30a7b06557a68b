import type { Address } from "viem";

import type { TokenInfo } from "./market";

/**
 * The part of the demo's DemoEuro (contracts/demo/DemoEuro.sol) the dApp uses: balances and the faucet. Written out
 * rather than imported from the build so that pages do not load the compiled contracts (test/faucet.test.ts holds it
 * to the artifact).
 */
export const DEMO_EURO_ABI = [
  {
    type: "function",
    name: "balanceOf",
    stateMutability: "view",
    inputs: [{ name: "account", type: "address" }],
    outputs: [{ name: "", type: "uint256" }],
  },
  { type: "function", name: "symbol", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "string" }] },
  { type: "function", name: "decimals", stateMutability: "view", inputs: [], outputs: [{ name: "", type: "uint8" }] },
  {
    type: "function",
    name: "lastClaim",
    stateMutability: "view",
    inputs: [{ name: "account", type: "address" }],
    outputs: [{ name: "", type: "uint256" }],
  },
  {
    type: "function",
    name: "FAUCET_AMOUNT",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "uint256" }],
  },
  {
    type: "function",
    name: "FAUCET_COOLDOWN",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "uint256" }],
  },
  { type: "function", name: "claim", stateMutability: "nonpayable", inputs: [], outputs: [] },
  {
    type: "error",
    name: "DemoEuroFaucetCoolingDown",
    inputs: [
      { name: "account", type: "address" },
      { name: "next", type: "uint256" },
    ],
  },
] as const;

/** What the connected account holds: ETH, the demo token when the chain has it, and its faucet's next claim. */
export interface Holdings {
  account: Address;
  eth: bigint;
  demo: {
    token: TokenInfo;
    balance: bigint;
    /** What one claim pays, and from when the account may claim (chain time; 0: now). */
    faucetAmount: bigint;
    claimableFrom: number;
  } | null;
}
