"use client";

import { useState, type CSSProperties } from "react";

import { shortId } from "@weconet/sdk";

/** A small button beside the id (inline: the copy control belongs to this component alone). */
const BUTTON: CSSProperties = { padding: "0 0.35rem", fontSize: "0.75rem", marginLeft: "0.25rem" };

/**
 * A long id (a 78-digit proposal id, a hash, an address) shortened to both its ends, the full id in its title, and a
 * button that copies the full id. Where the clipboard is not available (a page not served over https or
 * localhost), the full id shows selected instead, to copy by hand.
 */
export function CopyId({ id, what = "id" }: { id: bigint | string; what?: string }) {
  const full = id.toString();
  const [copy, setCopy] = useState<"idle" | "copied" | "by hand">("idle");
  const copyIt = async () => {
    try {
      await navigator.clipboard.writeText(full);
      setCopy("copied");
    } catch {
      setCopy("by hand");
    }
  };
  return (
    <span className="copy-id" data-full-id={full} style={{ whiteSpace: "nowrap" }}>
      <code title={full}>{shortId(id)}</code>
      <button
        type="button"
        className="secondary"
        style={BUTTON}
        aria-label={`Copy the full ${what} ${full}`}
        onClick={() => void copyIt()}
      >
        {copy === "copied" ? "Copied" : "Copy"}
      </button>
      {copy === "by hand" && (
        <input
          readOnly
          aria-label={`The full ${what}`}
          value={full}
          style={{ width: "auto", fontSize: "0.75rem", marginLeft: "0.25rem" }}
          ref={(input) => input?.select()}
        />
      )}
    </span>
  );
}
