import { getAddress, keccak256, stringToHex, type Account, type Address, type Hex, type WalletClient } from "viem";
import { createSiweMessage } from "viem/siwe";

import { WeconetError } from "../errors.js";
import type {
  SocketAnchor,
  BookingDocument,
  GranteeValue,
  ManyValue,
  Receipt,
  ReceiptHead,
  ReceiptProof,
  SocketErrorBody,
  SocketErrorCode,
  SocketInfo,
  ValueRecord,
} from "./types.js";

/** An error the socket answered with: its code, the HTTP status and, for a refused read, the reason. */
export class SocketError extends WeconetError<string> {
  override readonly name: string = "SocketError";
  constructor(
    message: string,
    readonly code: SocketErrorCode | "network",
    readonly status: number,
    reason?: string,
    options?: { cause?: unknown },
  ) {
    super(message, reason, options);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SocketClientOptions {
  /** The socket's URL, e.g. http://127.0.0.1:8600 (from `SocketDirectory.socketOf` or the network default). */
  url: string;
  fetch?: Fetch;
}

/** How to sign in: a viem wallet with an account, or any signer of an address (a contract wallet's owner, ERC-1271). */
export type SignInOptions =
  | { walletClient: WalletClient; chainId?: number; statement?: string }
  | { address: Address; signMessage: (message: string) => Promise<Hex>; chainId?: number; statement?: string };

interface Request {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  token?: string;
  json?: unknown;
  body?: string;
  contentType?: string;
}

/** A client of a Weconet data socket (see docs/socket.md): sign in with Ethereum, then act as owner or grantee. */
export function createSocketClient(options: SocketClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  const doFetch: Fetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function send(req: Request): Promise<Response> {
    const headers: Record<string, string> = {};
    if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
    let body: string | undefined;
    if (req.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(req.json);
    } else if (req.body !== undefined) {
      headers["content-type"] = req.contentType ?? "text/plain; charset=utf-8";
      body = req.body;
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${req.path}`, { method: req.method, headers, body });
    } catch (error) {
      throw new SocketError(
        `cannot reach the socket at ${base}: ${(error as Error).message}`,
        "network",
        0,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) {
      let parsed: SocketErrorBody | undefined;
      try {
        parsed = (await response.json()) as SocketErrorBody;
      } catch {
        parsed = undefined;
      }
      const e = parsed?.error;
      if (e === undefined) {
        throw new SocketError(
          `the socket answered ${response.status} ${response.statusText}`,
          "internal",
          response.status,
        );
      }
      const why = e.reason === undefined ? "" : ` (${e.reason})`;
      throw new SocketError(`${e.message}${why}`, e.code, response.status, e.reason);
    }
    return response;
  }

  async function json<T>(req: Request): Promise<T> {
    return (await (await send(req)).json()) as T;
  }

  const info = () => json<SocketInfo>({ method: "GET", path: "/v1/info" });

  /** Documents anyone may read by their hash (offer descriptions, public profiles, proposal texts). */
  const documents = {
    async get(hash: Hex): Promise<string> {
      return (await send({ method: "GET", path: `/v1/documents/${hash}` })).text();
    },
  };

  async function signIn(how: SignInOptions) {
    const about = await info();
    const chainId = how.chainId ?? about.chainId;
    let address: Address;
    let sign: (message: string) => Promise<Hex>;
    if ("walletClient" in how) {
      const account: Account | undefined = how.walletClient.account;
      if (account === undefined) throw new WeconetError("signIn needs a wallet client with an account");
      address = getAddress(account.address);
      sign = (message) => how.walletClient.signMessage({ account, message });
    } else {
      address = getAddress(how.address);
      sign = how.signMessage;
    }
    const { nonce } = await json<{ nonce: string }>({ method: "POST", path: "/v1/auth/nonce" });
    const message = createSiweMessage({
      address,
      chainId,
      domain: about.domain,
      nonce,
      uri: about.url,
      version: "1",
      issuedAt: new Date(),
      statement: how.statement ?? "Sign in to the Weconet data socket.",
    });
    const signature = await sign(message);
    const session = await json<{ token: string; address: Address; expiresAt: string }>({
      method: "POST",
      path: "/v1/auth/session",
      json: { message, signature },
    });
    return sessionClient(session);
  }

  function sessionClient(s: { token: string; address: Address; expiresAt: string }) {
    const token = s.token;
    const get = <T>(path: string) => json<T>({ method: "GET", path, token });
    return {
      address: getAddress(s.address),
      token,
      expiresAt: s.expiresAt,
      /** The signed-in member's own values. */
      values: {
        list: async () => (await get<{ owner: Address; values: ValueRecord[] }>("/v1/me/values")).values,
        get: (attributeId: number) => get<ValueRecord>(`/v1/me/values/${attributeId}`),
        set: (attributeId: number, value: unknown) =>
          json<ValueRecord>({ method: "PUT", path: `/v1/me/values/${attributeId}`, token, json: { value } }),
        erase: (attributeId: number) =>
          json<{ erased: number }>({ method: "DELETE", path: `/v1/me/values/${attributeId}`, token }),
        eraseAll: () => json<{ erased: number }>({ method: "DELETE", path: "/v1/me/values", token }),
      },
      /** Reads `owner`'s value of `attributeId` as a grantee (checked live on-chain); `purpose` a DPV code. */
      read: (owner: Address, attributeId: number, opts: { purpose?: Hex } = {}) =>
        get<GranteeValue>(
          `/v1/owners/${owner}/values/${attributeId}${opts.purpose === undefined ? "" : `?purpose=${opts.purpose}`}`,
        ),
      readMany: (owner: Address, attributeIds: readonly number[], opts: { purpose?: Hex } = {}) =>
        get<{ owner: Address; block: string; values: ManyValue[] }>(
          `/v1/owners/${owner}/values?attributes=${attributeIds.join(",")}${opts.purpose === undefined ? "" : `&purpose=${opts.purpose}`}`,
        ),
      /** The signed-in owner's access receipts (who read what when) and the signed head. */
      receipts: (opts: { after?: number; limit?: number } = {}) => {
        const q = new URLSearchParams();
        if (opts.after !== undefined) q.set("after", String(opts.after));
        if (opts.limit !== undefined) q.set("limit", String(opts.limit));
        const query = q.size === 0 ? "" : `?${q.toString()}`;
        return get<{ owner: Address; receipts: Receipt[]; head: ReceiptHead }>(`/v1/me/receipts${query}`);
      },
      receiptProof: () => get<ReceiptProof>("/v1/me/receipts/proof"),
      documents: {
        get: documents.get,
        /** Stores a public document; returns its hash (`toContentHash(text)`). */
        async put(text: string): Promise<Hex> {
          const hash = keccak256(stringToHex(text));
          await send({ method: "PUT", path: `/v1/documents/${hash}`, token, body: text });
          return hash;
        },
      },
      /** Documents of a booking (dispute statements, rulings): only its parties and the active leaders. */
      bookingDocuments: {
        async put(bookingId: bigint | number, text: string): Promise<Hex> {
          const hash = keccak256(stringToHex(text));
          await send({ method: "PUT", path: `/v1/bookings/${bookingId}/documents/${hash}`, token, body: text });
          return hash;
        },
        async get(bookingId: bigint | number, hash: Hex): Promise<string> {
          return (await send({ method: "GET", path: `/v1/bookings/${bookingId}/documents/${hash}`, token })).text();
        },
        list: async (bookingId: bigint | number) =>
          (await get<{ bookingId: string; documents: BookingDocument[] }>(`/v1/bookings/${bookingId}/documents`))
            .documents,
      },
      async signOut(): Promise<void> {
        await send({ method: "DELETE", path: "/v1/auth/session", token });
      },
    };
  }

  return {
    url: base,
    info,
    documents,
    signIn,
    /** Resumes a session from a token kept earlier (e.g. in the browser's session storage). */
    resume: (session: { token: string; address: Address; expiresAt: string }) => sessionClient(session),
    latestAnchor: () => json<SocketAnchor>({ method: "GET", path: "/v1/anchors/latest" }),
  };
}

export type SocketClient = ReturnType<typeof createSocketClient>;
export type SocketSession = Awaited<ReturnType<SocketClient["signIn"]>>;
