import { describe, expect, it } from "vitest";

import { purposeCode, type Attribute } from "@weconet/sdk";

import { checkApplication, type ApplicationDraft } from "@/lib/application";
import { checkGrant, type GrantDraft } from "@/lib/grant";

const attributes: Attribute[] = [
  { id: 4, name: "postal_address", domain: "person", dataType: "postal_address", parent: 0, deprecated: false },
  { id: 6, name: "email", domain: "person", dataType: "email", parent: 0, deprecated: false },
  { id: 7, name: "phone", domain: "person", dataType: "phone", parent: 0, deprecated: true },
  { id: 15, name: "bike", domain: "resource", dataType: "class", parent: 14, deprecated: false },
];
const me = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" as const;
const bob = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" as const;

describe("opening a connection is checked before anything is sent", () => {
  const draft: GrantDraft = {
    granteeKind: "member",
    grantee: bob,
    attributes: [6, 4],
    purpose: purposeCode("dpv:Marketing"),
    days: "7",
  };
  const check = (patch: Partial<GrantDraft>) =>
    checkGrant({ ...draft, ...patch }, { me, attributes, maxGrantDuration: 31_536_000n });

  it("gives the SDK's terms: sorted attributes, the purpose code, the duration in seconds", () => {
    expect(check({})).toEqual({
      terms: { grantee: bob, attributes: [4, 6], purpose: purposeCode("dpv:Marketing"), duration: 604_800 },
      errors: {},
    });
    expect(check({ days: "0.5" }).terms?.duration).toBe(43_200);
  });
  it("accepts a purpose code outside the table (another vocabulary's term), as an application may ask", () => {
    const hash = `0x${"12".repeat(32)}`;
    expect(check({ purpose: hash }).terms?.purpose).toBe(hash);
  });
  it("refuses a purpose that is no DPV term of the network, in the SDK's words", () => {
    expect(check({ purpose: "newsletter" }).errors.purpose).toMatch(
      /^unknown purpose "newsletter": name a W3C DPV purpose the network offers \(dpv:ServiceProvision, /,
    );
  });
  it.each([
    [{ grantee: "bob" }, "grantee", "Choose a member, or enter an address (0x…)."],
    [{ granteeKind: "application", grantee: "" }, "grantee", "Choose an application."],
    [{ grantee: me }, "grantee", "You cannot open a connection to yourself."],
    [{ attributes: [] }, "attributes", "Choose at least one attribute to share."],
    [{ attributes: [7] }, "attributes", "Only active person attributes can be shared."],
    [{ attributes: [15] }, "attributes", "Only active person attributes can be shared."],
    [{ purpose: "" }, "purpose", "Choose what it is for."],
    [{ days: "0" }, "days", "Enter how many days it lasts (more than 0)."],
    [{ days: "366" }, "days", "The network allows at most 365 days (rule maxGrantDuration)."],
  ] as const)("refuses %j", (patch, field, message) => {
    const result = check(patch);
    expect(result.terms).toBeUndefined();
    expect(result.errors[field]).toBe(message);
  });
});

describe("registering an application is checked before anything is sent", () => {
  const app = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
  const draft: ApplicationDraft = {
    account: app,
    name: "Route planner",
    metadataURI: "ipfs://route-planner",
    attributes: [6, 4],
    purpose: purposeCode("dpv:ServiceProvision"),
  };
  const check = (patch: Partial<ApplicationDraft>) => checkApplication({ ...draft, ...patch }, { me, attributes });

  it("gives the SDK's description", () => {
    expect(check({})).toEqual({
      description: { ...draft, attributes: [4, 6] },
      errors: {},
    });
  });
  it.each([
    [{ account: "x" }, "account"],
    [{ account: me }, "account"],
    [{ name: "" }, "name"],
    [{ name: "n".repeat(65) }, "name"],
    [{ metadataURI: "u".repeat(257) }, "metadataURI"],
    [{ attributes: [] }, "attributes"],
    [{ attributes: [15] }, "attributes"],
    [{ purpose: "Route Planning!" }, "purpose"],
  ] as const)("refuses %j (%s)", (patch, field) => {
    const result = check(patch);
    expect(result.description).toBeUndefined();
    expect(Object.keys(result.errors)).toEqual([field]);
  });
});
