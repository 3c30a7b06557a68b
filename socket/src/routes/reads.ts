import { createRoute, z } from "@hono/zod-openapi";
import { getAddress, type Hex } from "viem";

import { signedIn, type App, type Services } from "../context.js";
import { ApiError } from "../errors.js";
import { AddressParam, AttributeIdParam, bearer, errors, GranteeValue, ManyValues, PurposeQuery } from "../schemas.js";

/** Grantees reading an owner's values (the grantee is the signed-in address); each read checked live on-chain. */
export function readRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/owners/{owner}/values/{attributeId}",
      tags: ["grantee reads"],
      summary: "Read an owner's value: allowed only while AccessGrants.isAuthorized says so at the current block",
      security: bearer,
      request: {
        params: z.object({ owner: AddressParam, attributeId: AttributeIdParam }),
        query: z.object({ purpose: PurposeQuery }),
      },
      responses: {
        200: { description: "the value", content: { "application/json": { schema: GranteeValue } } },
        ...errors(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const grantee = await signedIn(s, c.req.header("authorization"));
      const { owner, attributeId } = c.req.valid("param");
      const { purpose } = c.req.valid("query");
      const value = await s.reads.readOne({
        owner: getAddress(owner),
        grantee,
        attributeId,
        purpose: (purpose?.toLowerCase() ?? null) as Hex | null,
        arrivedAt: c.get("arrivedAt"),
      });
      return c.json(value, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/owners/{owner}/values",
      tags: ["grantee reads"],
      summary: "Read several of an owner's values at one block; each refused one says why",
      security: bearer,
      request: {
        params: z.object({ owner: AddressParam }),
        query: z.object({
          attributes: z
            .string()
            .regex(/^\d{1,5}(,\d{1,5}){0,63}$/, "attributes is a comma-separated list of up to 64 ids"),
          purpose: PurposeQuery,
        }),
      },
      responses: {
        200: { description: "the values and the refusals", content: { "application/json": { schema: ManyValues } } },
        ...errors(400, 401, 503),
      },
    }),
    async (c) => {
      const grantee = await signedIn(s, c.req.header("authorization"));
      const { owner } = c.req.valid("param");
      const { attributes, purpose } = c.req.valid("query");
      const ids = [...new Set(attributes.split(",").map(Number))];
      if (ids.some((id) => id < 1 || id > 65535))
        throw new ApiError("bad_request", "attribute ids run from 1 to 65535");
      const result = await s.reads.readMany({
        owner: getAddress(owner),
        grantee,
        attributeIds: ids,
        purpose: (purpose?.toLowerCase() ?? null) as Hex | null,
        arrivedAt: c.get("arrivedAt"),
      });
      return c.json(result, 200);
    },
  );
}
