import type { Hex } from "viem";

import { purposeOf, purposeText } from "@weconet/sdk";

/**
 * A purpose code as people read it: its W3C DPV label (the term and its description on hover, marketing marked
 * as such), an older short code's text, or the start of the code.
 */
export function PurposeName({ code }: { code: Hex }) {
  const purpose = purposeOf(code);
  if (purpose === undefined) {
    const text = purposeText(code);
    return text === null ? <code title={code}>{code.slice(0, 10)}…</code> : <span>{text}</span>;
  }
  return (
    <span title={`dpv:${purpose.key} — ${purpose.description}`} data-purpose={purpose.key}>
      {purpose.label}
      {purpose.marketing && <span className="badge"> marketing</span>}
    </span>
  );
}
