"use client";

import { ConfirmButton } from "@/components/Confirm";
import { SocketStatus } from "@/components/data/SocketStatus";
import type { SocketSession } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";

/** The right to be forgotten: erase every value of mine in this socket, with their keys, after a confirmation. */
export function EraseAll({
  session,
  count,
  onSignedOut,
}: {
  session: SocketSession;
  count: number;
  onSignedOut: () => void;
}) {
  const action = useSocketAction(onSignedOut);
  return (
    <div data-testid="erase-all">
      <ConfirmButton
        label="Erase everything"
        question={
          <>
            Erase all {count} of your values in this socket for good? Their keys are destroyed: nobody, not even the
            operator with an old backup, can read them again. Your connections stay open but deliver nothing.
          </>
        }
        confirmLabel="Erase all my values"
        disabled={action.busy || count === 0}
        onConfirm={() =>
          void action.run(
            "Erase everything",
            () => session.values.eraseAll(),
            (r) => `${r.erased} value${r.erased === 1 ? "" : "s"} erased.`,
          )
        }
      />
      <SocketStatus state={action.state} />
    </div>
  );
}
