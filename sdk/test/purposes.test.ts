import { keccak256, stringToHex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";

import {
  describePurpose,
  DPV_NAMESPACE,
  PURPOSES,
  purposeCode,
  purposeOf,
  purposeText,
  WeconetError,
} from "../src/index.js";

const DELIVERY = keccak256(stringToHex("https://w3id.org/dpv#DeliveryOfGoods"));

describe("purposes (W3C DPV terms)", () => {
  it("offers DPV purpose terms, each coded as keccak256 of its IRI", () => {
    expect(PURPOSES.map((p) => p.key)).toEqual([
      "ServiceProvision",
      "DeliveryOfGoods",
      "PaymentManagement",
      "CustomerCare",
      "CommunicationManagement",
      "AccountManagement",
      "MembersAndPartnersManagement",
      "IdentityVerification",
      "DisputeManagement",
      "FraudPreventionAndDetection",
      "LegalCompliance",
      "ResearchAndDevelopment",
      "Personalisation",
      "Marketing",
    ]);
    for (const p of PURPOSES) {
      expect(p.iri).toBe(`${DPV_NAMESPACE}${p.key}`);
      expect(p.code).toBe(keccak256(stringToHex(p.iri)));
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.description).toMatch(/^To .+\.$/);
    }
    expect(new Set(PURPOSES.map((p) => p.label)).size).toBe(PURPOSES.length);
    expect(purposeOf(DELIVERY)?.label).toBe("Delivery of goods");
  });

  it("labels marketing as such, and only marketing", () => {
    expect(PURPOSES.filter((p) => p.marketing).map((p) => p.key)).toEqual(["Marketing"]);
  });

  it("reads a purpose as dpv:X, X (any case), its IRI or a 32-byte code", () => {
    for (const input of [
      "dpv:DeliveryOfGoods",
      "DeliveryOfGoods",
      "deliveryofgoods",
      "DPV:deliveryOfGoods",
      " dpv:DeliveryOfGoods ",
      "https://w3id.org/dpv#DeliveryOfGoods",
      DELIVERY,
      DELIVERY.toUpperCase().replace("0X", "0x"),
    ]) {
      expect(purposeCode(input), input).toBe(DELIVERY);
    }
    // Another vocabulary's term, hashed the same way, passes as a code.
    const other = keccak256(stringToHex("https://example.org/purposes#Gardening"));
    expect(purposeCode(other)).toBe(other);
    expect(purposeOf(other)).toBeUndefined();
  });

  it("refuses anything else, naming the terms to choose from", () => {
    for (const input of [
      "",
      "courier-delivery",
      "dpv:",
      "dpv:SellDataToThirdParties",
      "http://w3id.org/dpv#DeliveryOfGoods",
      "https://w3id.org/dpv#Unknown",
      "0x1234",
      "Delivery of goods",
    ]) {
      expect(() => purposeCode(input), input).toThrow(WeconetError);
      expect(() => purposeCode(input), input).toThrow(
        `unknown purpose "${input}": name a W3C DPV purpose the network offers (dpv:ServiceProvision, dpv:DeliveryOfGoods,`,
      );
    }
  });

  it("shows a code as its label, an older short code as its text, else nothing", () => {
    expect(purposeText(DELIVERY)).toBe("Delivery of goods");
    expect(purposeText(stringToHex("courier-delivery", { size: 32 }))).toBe("courier-delivery");
    expect(purposeText(keccak256(stringToHex("a statement kept off-chain")))).toBeNull();
    expect(purposeText(zeroHash)).toBeNull();
    expect(describePurpose(DELIVERY)).toBe("Delivery of goods (dpv:DeliveryOfGoods)");
    expect(describePurpose(stringToHex("delivery", { size: 32 }))).toBe("delivery");
    const unknown = keccak256(stringToHex("x"));
    expect(describePurpose(unknown)).toBe(unknown);
  });
});

describe("the documented table of purpose codes", () => {
  it("lists exactly the SDK's purposes, with their codes (docs/access-grants.md)", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../docs/access-grants.md", import.meta.url), "utf8");
    const rows = [
      ...doc.matchAll(/^\| \[`dpv:(\w+)`\]\((\S+)\)\s*\| ([^|]+?)\s*\|[^|]+\|\s*`(0x[0-9a-f]{64})`\s*\|$/gm),
    ].map(([, key, iri, label, code]) => ({ key, iri, label: label?.replace(/ — .*$/, ""), code }));
    expect(rows).toEqual(PURPOSES.map(({ key, iri, label, code }) => ({ key, iri, label, code })));
  });
});
