"use client";

import { useState } from "react";

import type { Attribute } from "@weconet/sdk";

import { Field } from "@/components/Field";
import { draftOf, fieldsOf, parseDraft, type ValueDraft } from "@/lib/values";

/**
 * The typed inputs of one attribute's value (one per field of its data type), checked with the SDK's validator before
 * anything is sent; `onSave` gets the value in the socket's shape.
 */
export function ValueEditor({
  attribute,
  value,
  busy,
  onSave,
}: {
  attribute: Attribute;
  value: unknown;
  busy: boolean;
  onSave: (value: unknown) => void;
}) {
  const fields = fieldsOf(attribute.dataType);
  const [draft, setDraft] = useState<ValueDraft>(() => draftOf(attribute.dataType, value));
  const [error, setError] = useState<string>();
  const set = (key: string, text: string) => setDraft((d) => ({ ...d, [key]: text }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseDraft(attribute.dataType, draft);
    if (!parsed.ok) return setError(parsed.error);
    setError(undefined);
    onSave(parsed.value);
  };
  const label = (fieldLabel: string) => (fields.length === 1 ? attribute.name : `${attribute.name}: ${fieldLabel}`);
  return (
    <form className="value-editor" onSubmit={submit} noValidate aria-label={`Value of ${attribute.name}`}>
      <div className="row">
        {fields.map((f, i) => (
          <Field key={f.key} label={label(f.label)} error={i === fields.length - 1 ? error : undefined}>
            {f.options !== undefined ? (
              <select value={draft[f.key] ?? ""} onChange={(e) => set(f.key, e.target.value)}>
                <option value="">—</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f.type}
                inputMode={f.inputMode}
                placeholder={f.placeholder}
                value={draft[f.key] ?? ""}
                onChange={(e) => set(f.key, e.target.value)}
              />
            )}
          </Field>
        ))}
        <button type="submit" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
