"use client";

import { useId } from "react";

import type { Attribute } from "@weconet/sdk";

import { shareableAttributes } from "@/lib/attributes";

/** Checkboxes for the shareable attributes of the taxonomy, with the error of the set, in one fieldset. */
export function AttributePicker({
  legend,
  attributes,
  selected,
  onChange,
  error,
}: {
  legend: string;
  attributes: readonly Attribute[];
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  error: string | undefined;
}) {
  const errorId = useId();
  const toggle = (id: number) => onChange(selected.includes(id) ? selected.filter((a) => a !== id) : [...selected, id]);
  return (
    <fieldset aria-describedby={error === undefined ? undefined : errorId}>
      <legend>{legend}</legend>
      <div className="choices">
        {shareableAttributes(attributes).map((a) => (
          <label key={a.id}>
            <input type="checkbox" checked={selected.includes(a.id)} onChange={() => toggle(a.id)} />
            {a.name}
          </label>
        ))}
      </div>
      {error !== undefined && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
