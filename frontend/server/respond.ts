import { failureMessage } from "../lib/failure";
import { encode } from "../lib/codec";

import { chainServer, type ChainServer } from "./weconet";

/** A JSON answer in the dApp's codec (bigints and undefined survive; see lib/codec.ts). */
export function answer(body: unknown, status = 200): Response {
  return new Response(encode(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** The server's reads of the chain a route names, or the answer to give when there are none. */
export async function serverOf(chainIdText: string): Promise<ChainServer | Response> {
  const chainId = Number(chainIdText);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) return answer({ error: `"${chainIdText}" is no chain id` }, 400);
  try {
    return (
      (await chainServer(chainId)) ??
      answer({ error: `the dApp's server reads no Weconet deployment on chain ${chainId}` }, 404)
    );
  } catch (error) {
    return answer({ error: failureMessage(error) }, 502);
  }
}
