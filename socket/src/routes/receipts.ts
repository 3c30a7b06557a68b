import { createRoute, z } from "@hono/zod-openapi";

import { signedIn, type App, type Services } from "../context.js";
import { ApiError } from "../errors.js";
import { Anchor, bearer, errors, Proof, ReceiptPage } from "../schemas.js";

export function receiptRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/receipts",
      tags: ["receipts"],
      summary: "The signed-in owner's access receipts (hash chain) and the operator-signed head",
      security: bearer,
      request: {
        query: z.object({
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: {
        200: { description: "receipts in order", content: { "application/json": { schema: ReceiptPage } } },
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const { after, limit } = c.req.valid("query");
      const page = await s.receipts.list(owner, after ?? 0, limit ?? 100);
      return c.json({ owner, ...page }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/receipts/proof",
      tags: ["receipts"],
      summary: "The Merkle proof of the owner's head in the latest root anchored on-chain",
      security: bearer,
      responses: {
        200: { description: "the proof", content: { "application/json": { schema: Proof } } },
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const proof = await s.receipts.proof(owner);
      if (proof === undefined) throw new ApiError("not_found", `no anchored root covers receipts of ${owner} yet`);
      return c.json(proof, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/anchors/latest",
      tags: ["receipts"],
      summary: "The latest root of receipt heads this socket anchored on-chain (ReceiptAnchors.anchor)",
      responses: {
        200: { description: "the anchor", content: { "application/json": { schema: Anchor } } },
        ...errors(404),
      },
    }),
    async (c) => {
      const anchor = await s.receipts.latestAnchor();
      if (anchor === undefined) throw new ApiError("not_found", "this socket has anchored no receipts yet");
      const { id: _id, ...record } = anchor;
      return c.json(record, 200);
    },
  );
}
