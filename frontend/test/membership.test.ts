import { describe, expect, it } from "vitest";

import { checkProfile, profileText, readProfile, toContentHash, type Attribute } from "@weconet/sdk";

import { checkResourceDraft, LEAVING_MEANS, nextSteps, resourceClasses } from "@/lib/membership";

const attributes: Attribute[] = [
  { id: 4, name: "postal_address", domain: "person", dataType: "postal_address", parent: 0, deprecated: false },
  { id: 14, name: "vehicle", domain: "resource", dataType: "class", parent: 0, deprecated: false },
  { id: 15, name: "bike", domain: "resource", dataType: "class", parent: 14, deprecated: false },
  { id: 16, name: "horse", domain: "resource", dataType: "class", parent: 14, deprecated: true },
  { id: 30, name: "courier_service", domain: "offer", dataType: "class", parent: 0, deprecated: false },
];

describe("the profile form is checked before anything is sent", () => {
  it("names every bad field in words", () => {
    expect(checkProfile({ name: "  ", about: "", contact: "" })).toEqual({
      ok: false,
      errors: { name: "Enter your name.", about: "Enter a few words about you." },
    });
    const long = checkProfile({ name: "x".repeat(81), about: "ok", contact: "y".repeat(201) });
    expect(long.ok ? {} : long.errors).toEqual({
      name: "Your name has at most 80 characters (this has 81).",
      contact: "A contact has at most 200 characters (this has 201).",
    });
    const control = checkProfile({ name: "Ada\u0000", about: "ok" });
    expect(control.ok ? {} : control.errors).toEqual({ name: "Your name contains characters that cannot be shown." });
  });

  it("gives the document to publish and the hash the chain keeps; an empty contact is left out", () => {
    const checked = checkProfile({ name: " Ada ", about: "Builds bikes.\nAnd repairs them.", contact: " " });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.document).toEqual({ name: "Ada", about: "Builds bikes.\nAnd repairs them." });
    expect(checked.text).toBe(profileText({ name: "Ada", about: "Builds bikes.\nAnd repairs them." }));
    expect(checked.hash).toBe(toContentHash(checked.text));
    expect(readProfile(checked.text)).toEqual(checked.document);
    // The demo's plain-text profiles are read as what they say, under no name.
    expect(readProfile("weconet-demo-profile:alice")).toEqual({ name: "", about: "weconet-demo-profile:alice" });
  });
});

describe("the resource form is checked before anything is published or sent", () => {
  it("offers only the taxonomy's active resource classes", () => {
    expect(resourceClasses(attributes).map((a) => a.name)).toEqual(["vehicle", "bike"]);
  });

  it("refuses no class, a class that is not a resource class, and empty or long fields", () => {
    expect(checkResourceDraft({ classId: "", name: "", description: "" }, attributes).errors).toEqual({
      classId: "Choose what kind of resource it is.",
      name: "Enter the resource's name.",
      description: "Enter a description.",
    });
    for (const classId of ["4", "16", "30", "99", "1e3", "-15"]) {
      expect(checkResourceDraft({ classId, name: "Bike", description: "Red" }, attributes).errors).toEqual({
        classId: "Choose what kind of resource it is.",
      });
    }
    const long = checkResourceDraft({ classId: "15", name: "Bike", description: "d".repeat(2001) }, attributes);
    expect(long.errors).toEqual({ description: "A description has at most 2000 characters (this has 2001)." });
    expect(long.document).toBeUndefined();
  });

  it("gives the class and the document for a good resource", () => {
    const checked = checkResourceDraft({ classId: "15", name: " Cargo bike ", description: "100 kg" }, attributes);
    expect(checked).toMatchObject({
      errors: {},
      classId: 15,
      document: { name: "Cargo bike", description: "100 kg" },
    });
    expect(JSON.parse(checked.text ?? "")).toEqual({
      kind: "weconet/resource",
      name: "Cargo bike",
      description: "100 kg",
    });
  });
});

describe("a wallet that cannot act as a member sees what it can do next", () => {
  it("without a wallet: look around, connect, apply", () => {
    expect(nextSteps(false, undefined)?.headline).toBe("You are looking around without a wallet");
  });
  it("not a member: apply, with a link to the member page", () => {
    const next = nextSteps(true, "none");
    expect(next?.headline).toBe("You are not a member yet");
    expect(next?.steps[0]).toMatchObject({ href: "/membership", link: "Apply for membership" });
  });
  it("an applicant waits for a leader, and may withdraw or edit", () => {
    expect(nextSteps(true, "applicant")?.steps.map((s) => s.text)).toEqual([
      "A network leader reads your profile and admits you (or turns the application down).",
      "Until then you may change your profile or withdraw the application.",
    ]);
  });
  it("suspended and removed accounts are told where they stand; a member has nothing to be told", () => {
    expect(nextSteps(true, "suspended")?.headline).toBe("You are suspended");
    expect(nextSteps(true, "removed")?.steps).toEqual([{ text: "This account cannot apply again." }]);
    expect(nextSteps(true, "active")).toBeUndefined();
    // While the membership is read, nothing is said yet.
    expect(nextSteps(true, undefined)).toBeUndefined();
  });
  it("leaving says what it ends before it is confirmed", () => {
    expect(LEAVING_MEANS.join(" ")).toMatch(/badge is burnt.*vote.*role.*resources.*applying again/);
  });
});
