import { z } from "@hono/zod-openapi";

/** The OpenAPI schemas of the socket's API (zod): the types in `@weconet/sdk`'s socket/types.ts, as JSON. */

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_authorized" }),
      message: z.string(),
      reason: z.string().optional().openapi({ example: "no_consent" }),
    }),
  })
  .openapi("Error");

export const AddressParam = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "an address is 0x and 40 hex digits")
  .openapi({ example: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });

export const AttributeIdParam = z.coerce
  .number()
  .int("an attribute id is a whole number")
  .min(1, "attribute ids start at 1")
  .max(65535, "attribute ids are at most 65535")
  .openapi({ example: 3 });

export const HashParam = z
  .string()
  .openapi({ example: "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8" });

export const BookingIdParam = z
  .string()
  .regex(/^\d{1,78}$/, "a booking id is a decimal number")
  .openapi({ example: "1" });

export const PurposeQuery = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "a purpose is a bytes32 DPV code (keccak256 of the DPV IRI)")
  .optional();

export const Info = z
  .object({
    chainId: z.number(),
    domain: z.string(),
    url: z.string(),
    accessGrants: z.string(),
    operator: z.string().nullable(),
    version: z.string(),
  })
  .openapi("Info");

export const Nonce = z.object({ nonce: z.string() }).openapi("Nonce");
export const SessionRequest = z
  .object({
    message: z.string().min(1).max(4000),
    signature: z.string().regex(/^0x[0-9a-fA-F]*$/, "a signature is hex"),
  })
  .openapi("SessionRequest");
export const Session = z.object({ token: z.string(), address: z.string(), expiresAt: z.string() }).openapi("Session");

export const ValueRecord = z
  .object({
    attributeId: z.number(),
    name: z.string(),
    dataType: z.string(),
    value: z.unknown(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi("ValueRecord");
export const OwnValues = z.object({ owner: z.string(), values: z.array(ValueRecord) }).openapi("OwnValues");
export const SetValue = z.object({ value: z.unknown() }).openapi("SetValue");
export const Erased = z.object({ erased: z.number() }).openapi("Erased");

export const GranteeValue = z
  .object({
    owner: z.string(),
    attributeId: z.number(),
    name: z.string(),
    dataType: z.string(),
    value: z.unknown(),
    version: z.number(),
    block: z.string(),
    connectionId: z.string(),
  })
  .openapi("GranteeValue");
export const ManyValues = z
  .object({
    owner: z.string(),
    block: z.string(),
    values: z.array(
      z.union([
        z.object({
          attributeId: z.number(),
          name: z.string(),
          dataType: z.string(),
          value: z.unknown(),
          version: z.number(),
        }),
        z.object({ attributeId: z.number(), refused: z.string() }),
      ]),
    ),
  })
  .openapi("ManyValues");

export const Receipt = z
  .object({
    seq: z.number(),
    owner: z.string(),
    grantee: z.string(),
    attributeId: z.number(),
    connectionId: z.string(),
    purpose: z.string().nullable(),
    block: z.string(),
    at: z.string(),
    decision: z.enum(["allowed", "refused"]),
    reason: z.string().nullable(),
    prev: z.string(),
    hash: z.string(),
  })
  .openapi("Receipt");
export const Head = z
  .object({
    owner: z.string(),
    count: z.number(),
    hash: z.string(),
    signature: z.string().nullable(),
    operator: z.string().nullable(),
  })
  .openapi("Head");
export const ReceiptPage = z
  .object({ owner: z.string(), receipts: z.array(Receipt), head: Head })
  .openapi("ReceiptPage");
export const Proof = z
  .object({
    leaf: z.string(),
    proof: z.array(z.string()),
    root: z.string(),
    count: z.number(),
    anchor: z.object({ block: z.string(), tx: z.string() }).nullable(),
  })
  .openapi("ReceiptProof");
export const Anchor = z
  .object({ root: z.string(), receipts: z.number(), block: z.string(), tx: z.string() })
  .openapi("Anchor");

export const Stored = z.object({ hash: z.string(), size: z.number() }).openapi("StoredDocument");
export const BookingDocuments = z
  .object({
    bookingId: z.string(),
    documents: z.array(z.object({ hash: z.string(), size: z.number(), author: z.string(), at: z.string() })),
  })
  .openapi("BookingDocuments");

/** The error responses a route may give, for the OpenAPI document. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 413 | 503)[]) {
  const described: Record<number, string> = {
    400: "bad request (see error.code)",
    401: "unauthenticated or session_expired",
    403: "forbidden or not_authorized (with error.reason)",
    404: "not_found or no_value",
    413: "too_large",
    503: "chain_unreachable: the socket fails closed",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: described[s] ?? "error", content: { "application/json": { schema: ErrorBody } } },
    ]),
  );
}

export const bearer = [{ bearer: [] }];
