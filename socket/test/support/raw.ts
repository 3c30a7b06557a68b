import { createWalletClient, http, type Address, type Hex } from "viem";
import { createSiweMessage } from "viem/siwe";

import { chain, rpcUrl } from "../../../sdk/test/support/weconet.js";

/** A raw HTTP call (for the requests the SDK client never makes: malformed ones). */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: string; contentType?: string } = {},
): Promise<{ status: number; body: unknown; text: string; contentType: string | null }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    body = options.body;
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, contentType: response.headers.get("content-type") };
}

/** The error code of an error body. */
export function codeOf(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | undefined)?.error?.code;
}

/** A SIWE message for `address` signed by the node's development account `address`, with fields overridden. */
export async function signedMessage(
  address: Address,
  fields: { domain: string; chainId: number; nonce: string; uri: string; issuedAt?: Date; expirationTime?: Date },
  signer: Address = address,
): Promise<{ message: string; signature: Hex }> {
  const message = createSiweMessage({ address, version: "1", issuedAt: new Date(), ...fields });
  const wallet = createWalletClient({ account: signer, chain, transport: http(rpcUrl) });
  return { message, signature: await wallet.signMessage({ account: signer, message }) };
}
