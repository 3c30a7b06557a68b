import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";

import type { App, Services, SocketEnv } from "./context.js";
import { renderDocs } from "./docs.js";
import { MAX_DOCUMENT_BYTES } from "./documents.js";
import { ApiError } from "./errors.js";
import { authRoutes } from "./routes/auth.js";
import { documentRoutes } from "./routes/documents.js";
import { infoRoutes } from "./routes/info.js";
import { readRoutes } from "./routes/reads.js";
import { receiptRoutes } from "./routes/receipts.js";
import { valueRoutes } from "./routes/values.js";

export const API_VERSION = "1.0.0";

/** The socket's HTTP API: every route validated by its zod schema, every error a JSON body with a code. */
export function createApp(services: Services): App {
  const app: App = new OpenAPIHono<SocketEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const detail = result.error.issues
          .map((issue) => `${issue.path.length === 0 ? "request" : issue.path.join(".")}: ${issue.message}`)
          .join("; ");
        throw new ApiError("bad_request", detail);
      }
    },
  });
  app.use("*", async (c, next) => {
    c.set("arrivedAt", performance.now());
    await next();
  });
  // Browsers call the socket from dApps on other origins. Sessions travel in the Authorization header, never in
  // cookies, so allowing every origin lends no ambient authority to a foreign page.
  app.use(
    "*",
    cors({
      origin: "*",
      allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["authorization", "content-type"],
      maxAge: 600,
    }),
  );
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_DOCUMENT_BYTES + 1024,
      onError: () => {
        throw new ApiError("too_large", `the request body is larger than ${MAX_DOCUMENT_BYTES} bytes`);
      },
    }),
  );
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  infoRoutes(app, services);
  authRoutes(app, services);
  valueRoutes(app, services);
  readRoutes(app, services);
  receiptRoutes(app, services);
  documentRoutes(app, services);

  const documentConfig = {
    openapi: "3.1.0",
    info: {
      title: "Weconet data socket",
      version: API_VERSION,
      description:
        "Members' attribute values, encrypted at rest and erasable, released to grantees only while AccessGrants.isAuthorized says so on the chain; access receipts in a hash chain per owner; content-addressed documents.",
    },
  };
  app.doc31("/openapi.json", documentConfig);
  app.get("/docs", (c) => c.html(renderDocs(app.getOpenAPI31Document(documentConfig))));

  app.notFound((c) => c.json(new ApiError("not_found", `no route ${c.req.method} ${c.req.path}`).body(), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.body(), error.status);
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? "too_large" : "bad_request";
      const status = error.status === 413 ? 413 : 400;
      return c.json(new ApiError(code, error.message || "bad request").body(), status);
    }
    console.error(`weconet-socket: ${c.req.method} ${c.req.path} failed:`, error);
    return c.json(new ApiError("internal", "the socket failed to answer; see its log").body(), 500);
  });
  return app;
}
