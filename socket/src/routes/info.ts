import { createRoute } from "@hono/zod-openapi";

import type { App, Services } from "../context.js";
import { Info } from "../schemas.js";

export function infoRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/info",
      tags: ["socket"],
      summary: "The socket: its chain, SIWE domain, AccessGrants address and receipt operator",
      responses: { 200: { description: "about this socket", content: { "application/json": { schema: Info } } } },
    }),
    (c) => c.json(s.info, 200),
  );
}
