import { describe, expect, it } from "vitest";

import { checkResource, readResource, resourceText, toContentHash } from "../src/index.js";
import { admitMember, as, isolateFile, people, reader } from "./support/weconet.js";

isolateFile();

describe("resource actions and taxonomy reads", () => {
  const owner = people.outsider(0);

  it("registers, updates and switches resources by class name; lists them", async () => {
    await admitMember(owner);
    const { resourceId } = await as(owner).resources.register({ resourceClass: "bike", metadata: "cargo bike" });
    expect(resourceId).toBe(1n);
    await as(owner).resources.update({ resourceId, resourceClass: "van", metadata: "electric van" });
    await as(owner).resources.setActive({ resourceId, active: false });

    const [resource] = (await reader.reads.resources({ owner })).items;
    expect(resource).toMatchObject({ id: 1n, owner, classId: await reader.reads.attributeId("van"), active: false });
    expect((await reader.reads.resources({ activeOnly: true })).items).toEqual([]);
  });

  it("reads the vocabulary and explains a bad class or an unknown name", async () => {
    const attributes = await reader.reads.attributes();
    expect(attributes.find((a) => a.name === "bike")).toMatchObject({ domain: "resource", dataType: "class" });
    await expect(as(owner).resources.register({ resourceClass: "price", metadata: "x" })).rejects.toThrow(
      `register resource: Attribute ${await reader.reads.attributeId("price")} is not an active resource class of the taxonomy.`,
    );
    await expect(reader.reads.attributeId("unicorn")).rejects.toThrow(
      'look up attribute "unicorn": There is no attribute named "unicorn".',
    );
    await expect(as(people.outsider(1)).resources.setActive({ resourceId: 1n, active: true })).rejects.toThrow(
      `${people.outsider(1)} does not own resource 1.`,
    );
  });

  it("registers and updates with a resource document's fields; refuses bad ones before sending", async () => {
    const bike = { name: "Cargo bike", description: "Carries 100 kg across Amsterdam." };
    const { resourceId } = await as(owner).resources.register({ resourceClass: "bike", metadata: bike });
    expect(readResource(resourceText(bike))).toEqual(bike);
    const registered = (await reader.reads.resources({ owner })).items.find((r) => r.id === resourceId);
    expect(registered?.metadata).toBe(toContentHash(resourceText(bike)));
    const van = { name: "Van", description: "Electric, 600 kg." };
    await as(owner).resources.update({ resourceId, resourceClass: "van", metadata: van });
    const updated = (await reader.reads.resources({ owner })).items.find((r) => r.id === resourceId);
    expect(updated?.metadata).toBe(toContentHash(resourceText(van)));

    expect(checkResource({ name: "x".repeat(81), description: "" })).toEqual({
      ok: false,
      errors: {
        name: "The resource's name has at most 80 characters (this has 81).",
        description: "Enter a description.",
      },
    });
    const before = await reader.publicClient.getTransactionCount({ address: owner });
    await expect(
      as(owner).resources.update({ resourceId, resourceClass: "van", metadata: { name: "", description: "d" } }),
    ).rejects.toThrow(`update resource ${resourceId}: Enter the resource's name.`);
    expect(await reader.publicClient.getTransactionCount({ address: owner })).toBe(before);
  });
});
