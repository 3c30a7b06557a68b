import type { OpenAPIHono } from "@hono/zod-openapi";
import type { SocketInfo } from "@weconet/sdk";
import type { Address } from "viem";

import type { AuthService } from "./auth.js";
import type { ChainGateway } from "./chain.js";
import type { DocumentStore } from "./documents.js";
import type { granteeReads } from "./reads.js";
import type { ReceiptLog } from "./receipts.js";
import type { ValueStore } from "./values.js";

/** What every route may use. */
export interface Services {
  info: SocketInfo;
  auth: AuthService;
  chain: ChainGateway;
  values: ValueStore;
  reads: ReturnType<typeof granteeReads>;
  receipts: ReceiptLog;
  documents: DocumentStore;
}

/** Per request: when it arrived (a chain check must see a block asked after this moment). */
export interface SocketEnv {
  Variables: { arrivedAt: number };
}

export type App = OpenAPIHono<SocketEnv>;

/** The signed-in address of a request, or 401. */
export async function signedIn(services: Services, authorization: string | undefined): Promise<Address> {
  return (await services.auth.authenticate(authorization)).address;
}
