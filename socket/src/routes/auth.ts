import { createRoute } from "@hono/zod-openapi";
import type { Hex } from "viem";

import type { App, Services } from "../context.js";
import { bearer, errors, Nonce, Session, SessionRequest } from "../schemas.js";

export function authRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/auth/nonce",
      tags: ["sign-in"],
      summary: "A fresh SIWE nonce (single use, valid 10 minutes)",
      responses: { 200: { description: "the nonce", content: { "application/json": { schema: Nonce } } } },
    }),
    async (c) => c.json(await s.auth.issueNonce(), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/auth/session",
      tags: ["sign-in"],
      summary: "Sign in with an EIP-4361 message and its signature (EOA or ERC-1271 contract wallet)",
      request: { body: { required: true, content: { "application/json": { schema: SessionRequest } } } },
      responses: {
        200: { description: "a session token", content: { "application/json": { schema: Session } } },
        ...errors(400, 401, 503),
      },
    }),
    async (c) => {
      const { message, signature } = c.req.valid("json");
      return c.json(await s.auth.createSession(message, signature as Hex), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/auth/session",
      tags: ["sign-in"],
      summary: "Sign out: the token stops working",
      security: bearer,
      responses: { 204: { description: "signed out" }, ...errors(401) },
    }),
    async (c) => {
      const { token } = await s.auth.authenticate(c.req.header("authorization"));
      await s.auth.signOut(token);
      return c.body(null, 204);
    },
  );
}
