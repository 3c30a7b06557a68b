import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Address } from "viem";

import { signedIn, type App, type Services, type SocketEnv } from "../context.js";
import { contentHashOf } from "../documents.js";
import { ApiError } from "../errors.js";
import { BookingDocuments, BookingIdParam, bearer, errors, HashParam, Stored } from "../schemas.js";

const raw = { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } };

async function bytesOf(c: Context<SocketEnv>): Promise<{ bytes: Uint8Array; contentType: string }> {
  return {
    bytes: new Uint8Array(await c.req.arrayBuffer()),
    contentType: c.req.header("content-type") ?? "application/octet-stream",
  };
}

/** Who may touch booking `bookingId`'s documents: its consumer, its provider and the active leaders, asked now. */
async function bookingAccess(
  s: Services,
  c: Context<SocketEnv>,
  bookingIdText: string,
): Promise<{ bookingId: bigint; account: Address }> {
  const account = await signedIn(s, c.req.header("authorization"));
  const bookingId = BigInt(bookingIdText);
  const block = await s.chain.blockNumber(c.get("arrivedAt"));
  const standing = await s.chain.bookingParty(bookingId, account, block);
  if (standing === "no_booking") throw new ApiError("not_found", `the market has no booking ${bookingId}`);
  if (standing === "none") {
    throw new ApiError(
      "not_authorized",
      `${account} is neither a party to booking ${bookingId} nor an active leader`,
      "not_a_party",
    );
  }
  return { bookingId, account };
}

export function documentRoutes(app: App, s: Services): void {
  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/documents/{hash}",
      tags: ["documents"],
      summary:
        "Store a public document under its keccak256 (≤ 256 KiB; an active member's session, or an applicant's for the profile it applied with)",
      security: bearer,
      request: { params: z.object({ hash: HashParam }), body: { required: true, content: raw } },
      responses: {
        200: { description: "already stored", content: { "application/json": { schema: Stored } } },
        201: { description: "stored", content: { "application/json": { schema: Stored } } },
        ...errors(400, 401, 403, 413, 503),
      },
    }),
    async (c) => {
      const author = await signedIn(s, c.req.header("authorization"));
      const hash = contentHashOf(c.req.param("hash"));
      const block = await s.chain.blockNumber(c.get("arrivedAt"));
      // An applicant is not a member yet, but must publish the profile its application names for a leader to read.
      const allowed =
        (await s.chain.isActiveMember(author, block)) || (await s.chain.isOwnProfile(author, hash, block));
      if (!allowed) {
        throw new ApiError(
          "forbidden",
          `${author} is not an active member, and ${hash} is not the profile it applied with`,
        );
      }
      const { bytes, contentType } = await bytesOf(c);
      const { created } = await s.documents.put(hash, bytes, contentType, author);
      return created ? c.json({ hash, size: bytes.length }, 201) : c.json({ hash, size: bytes.length }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/documents/{hash}",
      tags: ["documents"],
      summary: "A public document, re-verified against its hash",
      request: { params: z.object({ hash: HashParam }) },
      responses: { 200: { description: "the document's bytes", content: raw }, ...errors(400, 404) },
    }),
    async (c) => {
      const doc = await s.documents.get(contentHashOf(c.req.param("hash")));
      return c.body(doc.bytes.slice().buffer, 200, { "content-type": doc.contentType });
    },
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/bookings/{bookingId}/documents/{hash}",
      tags: ["documents"],
      summary: "Store a booking document (dispute statement, ruling): its consumer, provider or an active leader",
      security: bearer,
      request: {
        params: z.object({ bookingId: BookingIdParam, hash: HashParam }),
        body: { required: true, content: raw },
      },
      responses: {
        200: { description: "already stored", content: { "application/json": { schema: Stored } } },
        201: { description: "stored", content: { "application/json": { schema: Stored } } },
        ...errors(400, 401, 403, 404, 413, 503),
      },
    }),
    async (c) => {
      const { bookingId: idText } = c.req.valid("param");
      const hash = contentHashOf(c.req.param("hash"));
      const { bookingId, account } = await bookingAccess(s, c, idText);
      const { bytes, contentType } = await bytesOf(c);
      const { created } = await s.documents.putForBooking(bookingId, hash, bytes, contentType, account);
      return created ? c.json({ hash, size: bytes.length }, 201) : c.json({ hash, size: bytes.length }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/bookings/{bookingId}/documents/{hash}",
      tags: ["documents"],
      summary: "A booking document, for its parties and the active leaders",
      security: bearer,
      request: { params: z.object({ bookingId: BookingIdParam, hash: HashParam }) },
      responses: { 200: { description: "the document's bytes", content: raw }, ...errors(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const { bookingId: idText } = c.req.valid("param");
      const hash = contentHashOf(c.req.param("hash"));
      const { bookingId } = await bookingAccess(s, c, idText);
      const doc = await s.documents.getForBooking(bookingId, hash);
      return c.body(doc.bytes.slice().buffer, 200, { "content-type": doc.contentType });
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/bookings/{bookingId}/documents",
      tags: ["documents"],
      summary: "The documents of a booking, for its parties and the active leaders",
      security: bearer,
      request: { params: z.object({ bookingId: BookingIdParam }) },
      responses: {
        200: { description: "the list", content: { "application/json": { schema: BookingDocuments } } },
        ...errors(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { bookingId: idText } = c.req.valid("param");
      const { bookingId } = await bookingAccess(s, c, idText);
      return c.json({ bookingId: bookingId.toString(), documents: await s.documents.listForBooking(bookingId) }, 200);
    },
  );
}
