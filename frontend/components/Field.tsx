"use client";

import { useId, type ReactElement, type ReactNode } from "react";
import { cloneElement } from "react";

/**
 * A labelled form control with its hint and error, wired for screen readers (`aria-describedby`,
 * `aria-invalid`). `children` is the one control (input, select or textarea).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        "aria-invalid": error === undefined ? undefined : true,
        "aria-describedby": described.length === 0 ? undefined : described.join(" "),
      })}
      {hint !== undefined && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span id={errorId} className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
