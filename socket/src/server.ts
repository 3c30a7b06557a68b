import path from "node:path";

import { serve } from "@hono/node-server";
import type { Deployment } from "@weconet/sdk";
import { loadDeployment } from "@weconet/sdk/node";
import { createPublicClient, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { anchorer, type Anchored } from "./anchor.js";
import { API_VERSION, createApp } from "./app.js";
import { authService } from "./auth.js";
import { chainGateway } from "./chain.js";
import type { Services } from "./context.js";
import { openDatabase, type Database } from "./db/open.js";
import { documentStore } from "./documents.js";
import { keyStore } from "./keystore.js";
import { granteeReads } from "./reads.js";
import { receiptLog } from "./receipts.js";
import { valueStore } from "./values.js";

export interface SocketOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8600; 0 for any free port. */
  port?: number;
  /** The URL clients use; its host is the SIWE domain. Default http://host:port. */
  publicUrl?: string;
  rpcUrl: string;
  /** Ignition's output directory, e.g. deploy/deployments/chain-31337. */
  deploymentDir: string;
  /** PGlite folder of the data (default .weconet/socket/data); ignored when databaseUrl is given. */
  dataDir?: string;
  /** PostgreSQL for the data (DATABASE_URL). */
  databaseUrl?: string;
  /** PGlite folder of the key store (default <dataDir>/../keys). */
  keysDir?: string;
  /** PostgreSQL for the key store (KEYS_DATABASE_URL); may equal databaseUrl (tables then in schema socket_keys). */
  keysDatabaseUrl?: string;
  /** 32 bytes: wraps every data key. Never stored in a database. */
  masterKey: Uint8Array;
  /** Signs receipt heads and anchors them. */
  operatorKey?: Hex;
  /** Default 3600. */
  sessionTtlSeconds?: number;
  /** Default true; false only for the benchmark's unchecked comparison. */
  checkAuthorization?: boolean;
  /**
   * Anchor the receipt heads on-chain every this many seconds (needs operatorKey and a ReceiptAnchors
   * deployment); off when omitted. With several processes on one database, let one of them anchor.
   */
  anchorEverySeconds?: number;
}

export interface RunningSocket {
  /** The URL clients use (publicUrl, or the address it listens on). */
  url: string;
  /** Where this process listens (http://host:port), which differs from url behind a proxy. */
  listenUrl: string;
  port: number;
  deployment: Deployment;
  /** Anchors the receipt heads' root on-chain now (ReceiptAnchors); undefined when nothing changed. */
  anchor: () => Promise<Anchored | undefined>;
  /** The data database (for backups and the tests' dumps). */
  data: Database;
  /** The key store's database. */
  keys: Database;
  stop: () => Promise<void>;
}

/** Starts a data socket: opens (and migrates) its databases, checks the chain and the deployment, then listens. */
export async function startSocket(options: SocketOptions): Promise<RunningSocket> {
  if (options.masterKey.length !== 32)
    throw new Error(`the master key must be 32 bytes, not ${options.masterKey.length}`);
  const host = options.host ?? "127.0.0.1";
  const probe = createPublicClient({ transport: http(options.rpcUrl, { retryCount: 0 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (error) {
    throw new Error(`cannot reach the chain at ${options.rpcUrl}: ${(error as Error).message.split("\n")[0]}`, {
      cause: error,
    });
  }
  const deployment = loadDeployment({ chainId, dir: path.resolve(options.deploymentDir) });
  const operator = options.operatorKey === undefined ? undefined : privateKeyToAccount(options.operatorKey);

  const dataDir = path.resolve(options.dataDir ?? path.join(".weconet", "socket", "data"));
  // Opened side by side: a fresh PGlite folder takes seconds to initialise, two of them in parallel less.
  const [opened, openedKeys] = await Promise.allSettled([
    openDatabase(options.databaseUrl !== undefined ? { url: options.databaseUrl } : { dir: dataDir }, "data"),
    openDatabase(
      options.keysDatabaseUrl !== undefined
        ? { url: options.keysDatabaseUrl }
        : { dir: path.resolve(options.keysDir ?? path.join(dataDir, "..", "keys")) },
      "keys",
    ),
  ]);
  const failure = (which: string, reason: unknown) =>
    new Error(`cannot open the ${which}: ${(reason as Error).message}`, { cause: reason });
  if (opened.status === "rejected") {
    if (openedKeys.status === "fulfilled") await openedKeys.value.close();
    throw failure("data database", opened.reason);
  }
  if (openedKeys.status === "rejected") {
    await opened.value.close();
    throw failure("key store", openedKeys.reason);
  }
  const data = opened.value;
  const keys: Database = openedKeys.value;

  const chain = chainGateway({ rpcUrl: options.rpcUrl, chainId, deployment });
  const keyring = keyStore(keys.db, options.masterKey);
  const values = valueStore({ db: data.db, keys: keyring, chain });
  const receipts = receiptLog({ db: data.db, engine: data.engine, operator });
  const anchor = anchorer({
    receipts,
    operator,
    deployment,
    chain: chain.chain,
    rpcUrl: options.rpcUrl,
    publicClient: chain.client,
  });

  let listening: { close: (cb: () => void) => void } | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const services: Services = {
      // filled in below once the port (and so the default URL) is known
      info: {
        chainId,
        domain: "",
        url: "",
        accessGrants: deployment.contracts.accessGrants,
        operator: operator?.address ?? null,
        version: API_VERSION,
      },
      auth: authService({
        db: data.db,
        chain,
        domain: "",
        chainId,
        sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
      }),
      chain,
      values,
      reads: granteeReads({ chain, values, receipts, checkAuthorization: options.checkAuthorization ?? true }),
      receipts,
      documents: documentStore(data.db),
    };
    const app = createApp(services);
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8600 }, (info) => {
      const url = (options.publicUrl ?? `http://${host}:${info.port}`).replace(/\/+$/, "");
      const domain = new URL(url).host;
      services.info = { ...services.info, url, domain };
      services.auth = authService({
        db: data.db,
        chain,
        domain,
        chainId,
        sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
      });
      resolve(info.port);
    });
    server.once("error", reject);
    listening = server;
  }).catch(async (error: unknown) => {
    await data.close();
    await keys.close();
    throw new Error(`the socket cannot listen on ${host}:${options.port ?? 8600}: ${(error as Error).message}`, {
      cause: error,
    });
  });

  const url = (options.publicUrl ?? `http://${host}:${port}`).replace(/\/+$/, "");
  let anchoring: Promise<unknown> = Promise.resolve();
  const timer =
    options.anchorEverySeconds === undefined
      ? undefined
      : setInterval(() => {
          // one anchoring at a time; a failure is logged and tried again at the next tick
          anchoring = anchoring
            .then(() => anchor())
            .then((done) => {
              if (done !== undefined)
                console.log(`weconet-socket: anchored ${done.receipts} receipts (${done.root}) in ${done.tx}`);
            })
            .catch((error: unknown) => console.error(`weconet-socket: anchoring failed: ${(error as Error).message}`));
        }, options.anchorEverySeconds * 1000);
  return {
    url,
    listenUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    deployment,
    anchor,
    data,
    keys,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      await anchoring;
      await new Promise<void>((resolve) => (listening === undefined ? resolve() : listening.close(() => resolve())));
      await data.close();
      await keys.close();
    },
  };
}
