"use client";

import type { Hex } from "viem";

import { PURPOSES, purposeOf, purposeText } from "@weconet/sdk";

import { Field } from "@/components/Field";

/**
 * Chooses a purpose from the network's W3C DPV purposes (`PURPOSES`), its description shown under the choice.
 * `value` is the chosen purpose code ("" for none yet); a code outside the table (an application's registered
 * purpose of another vocabulary) stays selectable as it is, so prefilled forms never lose it.
 */
export function PurposePicker({
  label = "Purpose",
  value,
  onChange,
  error,
}: {
  label?: string;
  value: string;
  onChange: (code: string) => void;
  error: string | undefined;
}) {
  const chosen = value === "" ? undefined : purposeOf(value as Hex);
  const other = value !== "" && chosen === undefined;
  const hint =
    chosen === undefined
      ? "A W3C DPV purpose: public and on-chain, never personal text."
      : `${chosen.description}${chosen.marketing ? " This is marketing." : ""} (dpv:${chosen.key})`;
  return (
    <Field label={label} hint={hint} error={error}>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="purpose-picker">
        <option value="">Choose what it is for…</option>
        {PURPOSES.map((p) => (
          <option key={p.code} value={p.code}>
            {p.label}
            {p.marketing ? " (marketing)" : ""}
          </option>
        ))}
        {other && <option value={value}>Other: {purposeText(value as Hex) ?? `${value.slice(0, 10)}…`}</option>}
      </select>
    </Field>
  );
}
