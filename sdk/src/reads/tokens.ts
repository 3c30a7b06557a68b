import { erc20Abi, zeroAddress, type Address } from "viem";

import type { WeconetContext } from "../client.js";
import { ETH_TOKEN, type TokenInfo } from "../format/tokens.js";

/**
 * The symbol and decimals of each payment token (ETH for the zero address), each token once, for amounts people read
 * and type. A token that does not answer ERC-20's optional `symbol`/`decimals` reads as "tokens" with 18 decimals.
 */
export async function readTokens(ctx: WeconetContext, tokens: readonly Address[]): Promise<TokenInfo[]> {
  const unique = [...new Set(tokens.map((t) => t.toLowerCase()))] as Address[];
  return Promise.all(
    unique.map(async (address): Promise<TokenInfo> => {
      if (address === zeroAddress) return ETH_TOKEN;
      const read = <T>(functionName: "symbol" | "decimals", fallback: T) =>
        ctx.publicClient
          .readContract({ address, abi: erc20Abi, functionName })
          .then((v) => v as T)
          .catch(() => fallback);
      const [symbol, decimals] = await Promise.all([read("symbol", "tokens"), read("decimals", 18)]);
      return { address, symbol, decimals };
    }),
  );
}

/** One token's symbol and decimals (see {@link readTokens}). */
export async function readToken(ctx: WeconetContext, token: Address): Promise<TokenInfo> {
  const [info] = await readTokens(ctx, [token]);
  return info ?? ETH_TOKEN;
}
