import type { Page } from "playwright-core";
import { bytesToHex, createPublicClient, defineChain, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { inject } from "vitest";

import { devWalletProvider } from "../../lib/dev-wallet";

/** Hardhat's development mnemonic: its first twenty accounts are funded on the local chain. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** A browser wallet's name as it announces itself (EIP-6963): the button the connect panel shows. */
export const E2E_WALLET = "E2E Wallet";

/**
 * A browser wallet in the page, as an extension would inject one: it announces itself by EIP-6963 and hands every
 * request to a development account of the mnemonic (index `index`, funded by the node but not one of the demo's
 * people), which signs in the test process (the same provider as the dApp's development wallet) and sends to the
 * stack's chain. The dApp sees an ordinary injected wallet: no development-account shortcut is involved.
 */
export async function injectWallet(page: Page, index: number): Promise<Address> {
  const { rpcUrl } = inject("stack");
  const hd = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  const key = hd.getHdKey().privateKey;
  if (key === null) throw new Error(`no private key for development account ${index}`);
  const chainId = await createPublicClient({ transport: http(rpcUrl) }).getChainId();
  const chain = defineChain({
    id: chainId,
    name: "local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const provider = devWalletProvider(
    { name: "e2e", role: "new wallet", address: hd.address, privateKey: bytesToHex(key) },
    chain,
    rpcUrl,
  );
  // As a real wallet: the site sees the account only once it asked for it (else wagmi would connect it on load).
  let permitted = false;
  await page.exposeFunction("__e2eWalletRequest", async (method: string, params: unknown) => {
    if (method === "eth_accounts" && !permitted) return JSON.stringify([]);
    if (method === "eth_requestAccounts") permitted = true;
    if (method === "wallet_revokePermissions") {
      permitted = false;
      return JSON.stringify(null);
    }
    return JSON.stringify((await provider.request({ method, params } as never)) ?? null);
  });
  // A script as text: the test's functions are compiled with helpers the page does not have.
  await page.addInitScript(`(() => {
    const listeners = {};
    const provider = {
      request: async ({ method, params }) => JSON.parse(await window.__e2eWalletRequest(method, params ?? [])),
      on: (event, listener) => { (listeners[event] ??= []).push(listener); },
      removeListener: (event, listener) => { listeners[event] = (listeners[event] ?? []).filter((l) => l !== listener); },
    };
    const detail = Object.freeze({
      info: { uuid: "00000000-0000-4000-8000-00000000e2e0", name: ${JSON.stringify(E2E_WALLET)}, icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>", rdns: "org.weconet.e2e" },
      provider,
    });
    const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  })()`);
  return hd.address;
}

/** Connects the injected wallet through the connect panel and waits until the dApp has read its membership. */
export async function connectInjected(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: E2E_WALLET }).click();
  await page.getByTestId("wallet-connected").waitFor();
  await page.getByTestId("voting-power").waitFor();
}
