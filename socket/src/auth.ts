import { and, eq, gt, lt } from "drizzle-orm";
import { getAddress, isHex, type Address, type Hex } from "viem";
import { generateSiweNonce, parseSiweMessage } from "viem/siwe";

import type { ChainGateway } from "./chain.js";
import { newToken, tokenHash } from "./crypto.js";
import type { Db } from "./db/open.js";
import { nonces, sessions } from "./db/schema.js";
import { ApiError, chainUnreachable } from "./errors.js";

/** How long an issued nonce may be used. */
export const NONCE_TTL_MS = 10 * 60 * 1000;
/**
 * How long a looked-up session is trusted without asking the database again: a sign-out in this process ends it at
 * once, one in another process sharing the database within this time.
 */
const SESSION_CACHE_MS = 2000;
const SESSION_CACHE_SIZE = 10_000;
/** How far a message's issuedAt may run ahead of this clock (clients' clocks drift a little). */
const CLOCK_SKEW_MS = 30 * 1000;

/**
 * Sign-In with Ethereum (EIP-4361). Nonces are single use across every process sharing the database: using one
 * deletes its row, and only the process whose DELETE removed it proceeds. Sessions are kept by the hash of their
 * token and end at their expiry or at sign-out.
 */
export function authService(options: {
  db: Db;
  chain: ChainGateway;
  domain: string;
  chainId: number;
  sessionTtlSeconds: number;
}) {
  const { db, chain, domain, chainId } = options;
  // Sessions seen in the last moment, so that a burst of calls does not look each one up again.
  const recent = new Map<string, { address: string; expiresAt: Date; seenAt: number }>();

  async function issueNonce(): Promise<{ nonce: string }> {
    const nonce = generateSiweNonce();
    const now = Date.now();
    await db.insert(nonces).values({ nonce, expiresAt: new Date(now + NONCE_TTL_MS) });
    // Housekeeping: expired nonces and sessions are of no use to anyone.
    await db.delete(nonces).where(lt(nonces.expiresAt, new Date(now)));
    await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)));
    return { nonce };
  }

  async function createSession(
    message: string,
    signature: Hex,
  ): Promise<{ token: string; address: Address; expiresAt: string }> {
    const parsed = parseSiweMessage(message);
    if (parsed.address === undefined || parsed.nonce === undefined || parsed.domain === undefined) {
      throw new ApiError(
        "bad_request",
        "the message is not an EIP-4361 sign-in message (address, domain and nonce are required)",
      );
    }
    if (!isHex(signature)) throw new ApiError("bad_request", "the signature must be hex");
    if (parsed.domain !== domain) {
      throw new ApiError(
        "unauthenticated",
        `the message is for the domain "${parsed.domain}", this socket is "${domain}"`,
      );
    }
    if (parsed.chainId !== chainId) {
      throw new ApiError(
        "unauthenticated",
        `the message is for chain ${String(parsed.chainId)}, this socket serves chain ${chainId}`,
      );
    }
    const now = Date.now();
    if (parsed.issuedAt !== undefined && parsed.issuedAt.getTime() > now + CLOCK_SKEW_MS) {
      throw new ApiError("unauthenticated", "the message is issued in the future");
    }
    if (parsed.expirationTime !== undefined && parsed.expirationTime.getTime() <= now) {
      throw new ApiError("unauthenticated", "the message has expired");
    }
    if (parsed.notBefore !== undefined && parsed.notBefore.getTime() > now + CLOCK_SKEW_MS) {
      throw new ApiError("unauthenticated", "the message is not valid yet (notBefore)");
    }
    let valid: boolean;
    try {
      // ERC-1271 (and ERC-6492) signatures of contract wallets are checked on the chain.
      valid = await chain.client.verifySiweMessage({ message, signature, domain, nonce: parsed.nonce });
    } catch (error) {
      throw chainUnreachable(error);
    }
    if (!valid) throw new ApiError("unauthenticated", `the signature is not ${parsed.address}'s`);
    const used = await db
      .delete(nonces)
      .where(and(eq(nonces.nonce, parsed.nonce), gt(nonces.expiresAt, new Date(now))))
      .returning({ nonce: nonces.nonce });
    if (used.length === 0) {
      throw new ApiError("unauthenticated", "the nonce was not issued by this socket, was used already or has expired");
    }
    const token = newToken();
    const expiresAt = new Date(now + options.sessionTtlSeconds * 1000);
    const address = getAddress(parsed.address);
    await db.insert(sessions).values({ tokenHash: tokenHash(token), address, expiresAt });
    return { token, address, expiresAt: expiresAt.toISOString() };
  }

  /** The address of the session in `authorization` ("Bearer <token>"). */
  async function authenticate(authorization: string | undefined): Promise<{ address: Address; token: string }> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (match === null || match[1] === undefined) {
      throw new ApiError(
        "unauthenticated",
        "sign in first: send Authorization: Bearer <token> (POST /v1/auth/session)",
      );
    }
    const token = match[1];
    const key = tokenHash(token);
    let session = recent.get(key);
    if (session === undefined || session.seenAt + SESSION_CACHE_MS < Date.now()) {
      const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, key));
      if (row === undefined) {
        recent.delete(key);
        throw new ApiError("unauthenticated", "the session is unknown or was signed out");
      }
      session = { address: row.address, expiresAt: row.expiresAt, seenAt: Date.now() };
      if (recent.size >= SESSION_CACHE_SIZE) recent.clear();
      recent.set(key, session);
    }
    if (session.expiresAt.getTime() <= Date.now())
      throw new ApiError("session_expired", "the session has expired: sign in again");
    return { address: getAddress(session.address), token };
  }

  async function signOut(token: string): Promise<void> {
    recent.delete(tokenHash(token));
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  }

  return { issueNonce, createSession, authenticate, signOut };
}
export type AuthService = ReturnType<typeof authService>;
