import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defineChain,
  numberToHex,
  parseTransaction,
  recoverMessageAddress,
  recoverTransactionAddress,
  recoverTypedDataAddress,
  type Hex,
  type TransactionSerialized,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { devWalletProvider, fromRpcTransaction } from "@/lib/dev-wallet";

// Hardhat's development account 6 ("alice" in the demo): a public key that only ever funds local chains.
const key = "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e" as const;
const alice = { name: "alice", role: "member", address: privateKeyToAccount(key).address, privateKey: key };
const chain = defineChain({
  id: 31337,
  name: "Weconet local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [] } },
});

/** A stand-in node that answers what a wallet asks before sending, and keeps the raw transactions it receives. */
const received: Hex[] = [];
let server: Server;
let rpcUrl: string;
beforeAll(async () => {
  const answers: Record<string, unknown> = {
    eth_chainId: numberToHex(31337),
    eth_getTransactionCount: "0x7",
    eth_estimateGas: "0x5208",
    eth_maxPriorityFeePerGas: "0x3b9aca00",
    eth_gasPrice: "0x3b9aca00",
    eth_getBlockByNumber: { number: "0x10", baseFeePerGas: "0x3b9aca00", timestamp: "0x1", transactions: [] },
    eth_blockNumber: "0x10",
  };
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const call = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      if (call.method === "eth_sendRawTransaction") received.push(call.params[0] as Hex);
      const result = call.method === "eth_sendRawTransaction" ? `0x${"ab".repeat(32)}` : answers[call.method];
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result: result ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the development wallet", () => {
  it("answers as the person's account on the local chain", async () => {
    const wallet = devWalletProvider(alice, chain, rpcUrl);
    expect(await wallet.request({ method: "eth_requestAccounts" })).toEqual([alice.address]);
    expect(await wallet.request({ method: "eth_chainId" })).toBe("0x7a69");
  });

  it("signs a transaction in the browser and submits it raw: the node never holds the key", async () => {
    const wallet = devWalletProvider(alice, chain, rpcUrl);
    const data = "0x12345678";
    const to = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const hash = await wallet.request({
      method: "eth_sendTransaction",
      params: [{ from: alice.address, to, data, value: "0x0" }],
    });
    expect(hash).toBe(`0x${"ab".repeat(32)}`);
    const raw = received.at(-1) as TransactionSerialized;
    const tx = parseTransaction(raw);
    expect(tx).toMatchObject({ to: to.toLowerCase(), data, nonce: 7, chainId: 31337, gas: 21_000n });
    expect(await recoverTransactionAddress({ serializedTransaction: raw })).toBe(alice.address);
  });

  it("refuses to send for another account", async () => {
    const wallet = devWalletProvider(alice, chain, rpcUrl);
    const bob = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
    await expect(wallet.request({ method: "eth_sendTransaction", params: [{ from: bob, to: bob }] })).rejects.toThrow(
      `the development wallet holds ${alice.address}, not ${bob}`,
    );
  });

  it("signs messages and typed data (ballots, grants) as the person", async () => {
    const wallet = devWalletProvider(alice, chain, rpcUrl);
    const message = "0x68656c6c6f" as const;
    const signature = (await wallet.request({ method: "personal_sign", params: [message, alice.address] })) as Hex;
    expect(await recoverMessageAddress({ message: { raw: message }, signature })).toBe(alice.address);
    const typed = {
      domain: { name: "Test", version: "1", chainId: 31337 },
      types: { Ballot: [{ name: "support", type: "uint8" }] },
      primaryType: "Ballot",
      message: { support: 1 },
    } as const;
    const typedSignature = (await wallet.request({
      method: "eth_signTypedData_v4",
      params: [alice.address, JSON.stringify(typed)],
    })) as Hex;
    expect(await recoverTypedDataAddress({ ...typed, signature: typedSignature })).toBe(alice.address);
  });

  it("exists on the local chain only: switching elsewhere is refused with the standard code", async () => {
    const wallet = devWalletProvider(alice, chain, rpcUrl);
    expect(await wallet.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x7a69" }] })).toBeNull();
    await expect(
      wallet.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x1" }] }),
    ).rejects.toMatchObject({ code: 4902 });
  });

  it("reads a wallet request's hex quantities, keeping legacy and EIP-1559 fees apart", () => {
    expect(fromRpcTransaction({ to: null, value: "0x10", nonce: "0x2", gasPrice: "0x5" })).toEqual({
      to: null,
      data: undefined,
      value: 16n,
      gas: undefined,
      nonce: 2,
      gasPrice: 5n,
    });
    expect(fromRpcTransaction({ maxFeePerGas: "0x9", maxPriorityFeePerGas: "0x1" })).toMatchObject({
      maxFeePerGas: 9n,
      maxPriorityFeePerGas: 1n,
    });
  });
});
