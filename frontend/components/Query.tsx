"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";

import { messageOf } from "@/lib/message";

/** A read's answer, or that it is loading, or why it failed — in words. */
export function Query<T>({
  result,
  what,
  children,
}: {
  result: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (result.data !== undefined) return <>{children(result.data)}</>;
  if (result.error !== null) {
    return (
      <p className="error" role="alert">
        Could not read {what}: {messageOf(result.error)}
      </p>
    );
  }
  return (
    <p className="muted" aria-busy="true">
      Reading {what}…
    </p>
  );
}
