"use client";

import { ConfirmButton } from "@/components/Confirm";
import { TxStatus } from "@/components/TxStatus";
import { LEAVING_MEANS } from "@/lib/membership";
import { useTransaction } from "@/lib/tx";

/** Leave the network, behind a confirmation that says what leaving does. */
export function LeaveNetwork({ isManager }: { isManager: boolean }) {
  const tx = useTransaction();
  if (isManager) {
    return (
      <p className="muted small">
        The network manager cannot leave: the members&apos; vote must appoint another manager first.
      </p>
    );
  }
  return (
    <div data-testid="leave">
      <ConfirmButton
        label="Leave the network"
        question={
          <>
            Leaving cannot be undone:
            <ul>
              {LEAVING_MEANS.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        }
        confirmLabel="Yes, leave the network"
        disabled={tx.busy}
        onConfirm={() => void tx.run("Leave", (w) => w.membership.leave())}
      />
      <TxStatus state={tx.state} />
    </div>
  );
}

/** Withdraw one's pending application, behind a confirmation. */
export function WithdrawApplication() {
  const tx = useTransaction();
  return (
    <div data-testid="withdraw">
      <ConfirmButton
        label="Withdraw my application"
        question="Your application and its profile are withdrawn; you may apply again later."
        confirmLabel="Yes, withdraw it"
        disabled={tx.busy}
        onConfirm={() => void tx.run("Withdraw application", (w) => w.membership.withdrawApplication())}
      />
      <TxStatus state={tx.state} />
    </div>
  );
}
