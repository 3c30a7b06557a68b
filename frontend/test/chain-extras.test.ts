import { readFileSync } from "node:fs";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { balanceText } from "@/components/Holdings";
import { explorerHref } from "@/lib/explorer";
import { DEMO_EURO_ABI } from "@/lib/faucet";
import { ETH_TOKEN } from "@/lib/market";
import { explorerOf } from "@/server/network-config";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("the demo euro as the dApp calls it", () => {
  it("is the compiled DemoEuro's ABI, entry by entry", () => {
    const artifact = JSON.parse(
      readFileSync(path.join(root, "artifacts", "contracts", "demo", "DemoEuro.sol", "DemoEuro.json"), "utf8"),
    ) as { abi: { type: string; name?: string; inputs?: unknown[]; outputs?: unknown[]; stateMutability?: string }[] };
    const strip = (params: readonly unknown[] | undefined) => (params ?? []).map((p) => (p as { type: string }).type);
    for (const entry of DEMO_EURO_ABI) {
      const compiled = artifact.abi.find((e) => e.type === entry.type && e.name === entry.name);
      expect(compiled, entry.name).toBeDefined();
      expect(strip(compiled?.inputs)).toEqual(strip(entry.inputs));
      if (entry.type === "function") {
        expect(strip(compiled?.outputs)).toEqual(strip(entry.outputs));
        expect(compiled?.stateMutability).toBe(entry.stateMutability);
      }
    }
  });
  it("shows balances to four decimals, rounded down", () => {
    expect(balanceText(9_999_968_239_123_000_000_000n, ETH_TOKEN)).toBe("9999.9682 ETH");
    expect(balanceText(0n, ETH_TOKEN)).toBe("0 ETH");
    expect(balanceText(7n, { address: ETH_TOKEN.address, symbol: "CENT", decimals: 2 })).toBe("0.07 CENT");
  });
});

describe("explorers", () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });
  it("the local chain has none; a known test chain has viem's; a configured one wins, empty for none", () => {
    expect(explorerOf(31337)).toBeNull();
    expect(explorerOf(11155111)).toBe("https://sepolia.etherscan.io");
    process.env.WECONET_EXPLORER_URL_11155111 = "https://blockscout.example/";
    expect(explorerOf(11155111)).toBe("https://blockscout.example");
    process.env.WECONET_EXPLORER_URL_11155111 = "";
    expect(explorerOf(11155111)).toBeNull();
    expect(explorerOf(987654321)).toBeNull();
  });
  it("link addresses and transactions, and nothing where there is no explorer", () => {
    const hash = `0x${"ab".repeat(32)}`;
    expect(explorerHref({ explorerUrl: "https://sepolia.etherscan.io" }, "tx", hash)).toBe(
      `https://sepolia.etherscan.io/tx/${hash}`,
    );
    expect(explorerHref({ explorerUrl: null }, "address", hash)).toBeUndefined();
  });
});
