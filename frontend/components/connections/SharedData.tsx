"use client";

import { useState } from "react";
import type { Address, Hex } from "viem";

import type { Attribute } from "@weconet/sdk";

import { SignIn } from "@/components/data/SignIn";
import { SocketStatus } from "@/components/data/SocketStatus";
import { useSocket, type SocketSession } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { refusalText } from "@/lib/socket-errors";
import { formatValue } from "@/lib/format-value";

type ReadResult = Awaited<ReturnType<SocketSession["readMany"]>>;

/**
 * What an owner shares with me, read through their data socket on demand: the socket checks the connection on the
 * chain at that moment (and leaves a receipt in the owner's log), so a closed or expired connection reads as refused.
 */
export function SharedData({
  owner,
  attributeIds,
  attributes,
  purpose,
  label = "Read shared data",
}: {
  label?: string;
  /** The purpose the read is for (the connection's DPV code): the owner's receipt records it. */
  purpose: Hex;
  owner: Address;
  attributeIds: readonly number[];
  attributes: readonly Attribute[];
}) {
  const socket = useSocket(owner);
  const action = useSocketAction(() => void socket.signOut());
  const [result, setResult] = useState<ReadResult>();
  const session = socket.session;
  if (session === undefined) return <SignIn socket={socket} why="Reading what is shared with you needs a session." />;
  const read = () =>
    void action
      .run(
        "Read",
        () => session.readMany(owner, [...attributeIds], { purpose }),
        (r) => `at block ${r.block} (the owner's log has a receipt of it).`,
      )
      .then((r) => setResult(r));
  const typeOf = (id: number) => attributes.find((a) => a.id === id)?.dataType ?? "text";
  return (
    <div className="shared" data-testid="shared-data">
      <button type="button" disabled={action.busy} onClick={read}>
        {label}
      </button>
      <SocketStatus state={action.state} />
      {result !== undefined && action.state.status === "done" && (
        <dl className="small" data-testid="shared-values">
          {result.values.map((v) =>
            "refused" in v ? (
              <div key={v.attributeId} data-shared={v.attributeId} data-refused={v.refused}>
                <dt>{attributes.find((a) => a.id === v.attributeId)?.name ?? `#${v.attributeId}`}</dt>
                <dd className="error" role="alert">
                  {refusalText(v.refused)}
                </dd>
              </div>
            ) : (
              <div key={v.attributeId} data-shared={v.attributeId}>
                <dt>{v.name}</dt>
                <dd data-testid="shared-value">{formatValue(typeOf(v.attributeId), v.value)}</dd>
              </div>
            ),
          )}
        </dl>
      )}
    </div>
  );
}
