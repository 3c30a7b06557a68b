import type { Attribute } from "@weconet/sdk";

/** The options of a class picker: every active resource or offer class of the taxonomy, after a prompt. */
export function ClassOptions({ attributes }: { attributes: readonly Attribute[] }) {
  const classes = attributes.filter((a) => a.dataType === "class" && a.domain !== "person" && !a.deprecated);
  return (
    <>
      <option value="">Choose a class…</option>
      {classes.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name} ({c.domain})
        </option>
      ))}
    </>
  );
}
