import type { ReactNode } from "react";

/** A table of rows with a header row, scrolling sideways on narrow screens. */
export function Table({ head, testId, children }: { head: readonly string[]; testId?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
