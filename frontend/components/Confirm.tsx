"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A button for what cannot be undone (closing a connection, an offer for good, retiring an application, erasing a
 * value, moving a local chain's clock): the first click asks, in words, in place — an alert dialog that takes the
 * focus on its safe answer — and only the confirm button acts. "Keep it" or Escape takes it back and returns the
 * focus to the button that asked.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  cancelLabel = "Keep it",
  tone = "secondary",
  disabled,
  onConfirm,
}: {
  /** The button's text, and the dialog's name. */
  label: string;
  question: ReactNode;
  /** What the confirm button says: the action itself ("Close the connection"), not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** The asking button's style: "danger" where the action is the card's destructive one. */
  tone?: "secondary" | "danger" | "primary";
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  // Where the focus goes when the dialog opens (the safe answer) and when it closes (the asking button).
  const keep = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const questionId = useId();
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      trigger.current?.focus();
    }
  }, [asking]);
  const close = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={tone === "primary" ? undefined : tone}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-modal="false"
      aria-label={label}
      aria-describedby={questionId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          close();
        }
      }}
    >
      {/* A div, not a p: a question may hold a list (what leaving ends). */}
      <div className="small" id={questionId}>
        {question}
      </div>
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={disabled}
          onClick={() => {
            close();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button ref={keep} type="button" className="secondary" onClick={close}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
