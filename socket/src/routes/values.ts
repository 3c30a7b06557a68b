import { createRoute, z } from "@hono/zod-openapi";

import { signedIn, type App, type Services } from "../context.js";
import { ApiError } from "../errors.js";
import { AttributeIdParam, bearer, Erased, errors, OwnValues, SetValue, ValueRecord } from "../schemas.js";

const params = z.object({ attributeId: AttributeIdParam });

/** The owner's own values (the owner is the signed-in address). */
export function valueRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/values",
      tags: ["own values"],
      summary: "All values the signed-in member keeps here",
      security: bearer,
      responses: {
        200: { description: "the values", content: { "application/json": { schema: OwnValues } } },
        ...errors(401, 503),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const values = await Promise.all((await s.values.read(owner)).map((v) => s.values.record(owner, v)));
      return c.json({ owner, values }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/values/{attributeId}",
      tags: ["own values"],
      summary: "One of the signed-in member's values",
      security: bearer,
      request: { params },
      responses: {
        200: { description: "the value", content: { "application/json": { schema: ValueRecord } } },
        ...errors(400, 401, 404, 503),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const { attributeId } = c.req.valid("param");
      const [v] = await s.values.read(owner, [attributeId]);
      if (v === undefined) throw new ApiError("no_value", `no value of attribute ${attributeId} is kept for ${owner}`);
      return c.json(await s.values.record(owner, v), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/me/values/{attributeId}",
      tags: ["own values"],
      summary:
        "Write or replace a value (checked against the on-chain taxonomy: a Person attribute, not deprecated, of its data type, ≤ 4 KiB)",
      security: bearer,
      request: { params, body: { required: true, content: { "application/json": { schema: SetValue } } } },
      responses: {
        200: { description: "the stored value", content: { "application/json": { schema: ValueRecord } } },
        ...errors(400, 401, 413, 503),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const { attributeId } = c.req.valid("param");
      const body = c.req.valid("json");
      if (!("value" in body) || body.value === undefined)
        throw new ApiError("bad_request", 'the body must be { "value": … }');
      return c.json(await s.values.set(owner, attributeId, body.value), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/me/values/{attributeId}",
      tags: ["own values"],
      summary: "Erase one value: its data key is destroyed, so no backup can reveal it",
      security: bearer,
      request: { params },
      responses: {
        200: { description: "how many were erased", content: { "application/json": { schema: Erased } } },
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      const { attributeId } = c.req.valid("param");
      return c.json({ erased: await s.values.erase(owner, attributeId) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/me/values",
      tags: ["own values"],
      summary: "Erase everything of the signed-in member (the right to be forgotten)",
      security: bearer,
      responses: {
        200: { description: "how many were erased", content: { "application/json": { schema: Erased } } },
        ...errors(401),
      },
    }),
    async (c) => {
      const owner = await signedIn(s, c.req.header("authorization"));
      return c.json({ erased: await s.values.erase(owner) }, 200);
    },
  );
}
