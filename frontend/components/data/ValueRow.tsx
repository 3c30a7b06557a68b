"use client";

import type { ApplicationView, Attribute, Receipt, ValueRecord } from "@weconet/sdk";

import { ConfirmButton } from "@/components/Confirm";
import { Readers } from "@/components/data/Readers";
import { SocketStatus } from "@/components/data/SocketStatus";
import { ValueEditor } from "@/components/data/ValueEditor";
import type { Reader } from "@/lib/readers";
import type { SocketSession } from "@/lib/socket";
import { useSocketAction } from "@/lib/socket-action";
import { formatValue } from "@/lib/format-value";

/**
 * One attribute of mine: the value the socket holds (or none), its typed inputs to set or replace it, erasing it,
 * who may read it now and how often it was read.
 */
export function ValueRow({
  attribute,
  record,
  readers,
  receipts,
  applications,
  now,
  session,
  onSignedOut,
}: {
  attribute: Attribute;
  record: ValueRecord | undefined;
  readers: readonly Reader[];
  receipts: readonly Receipt[];
  applications: readonly ApplicationView[];
  now: number | undefined;
  session: SocketSession;
  onSignedOut: () => void;
}) {
  const action = useSocketAction(onSignedOut);
  const allowed = receipts.filter((r) => r.decision === "allowed").length;
  const settable = !attribute.deprecated;
  return (
    <li className="card value-row" data-attribute={attribute.name} aria-label={attribute.name}>
      <div className="row">
        <strong>{attribute.name}</strong>
        <span className="muted small">{attribute.dataType.replace("_", " ")}</span>
        {attribute.deprecated && <span className="badge state-expired">deprecated</span>}
      </div>
      <p data-testid="stored-value">
        {record === undefined ? (
          <span className="muted">No value stored.</span>
        ) : (
          <>
            {formatValue(attribute.dataType, record.value)}{" "}
            <span className="muted small">
              (version {record.version}, {new Date(record.updatedAt).toLocaleString("en-GB")})
            </span>
          </>
        )}
      </p>
      {settable && (
        <ValueEditor
          key={`${record?.version ?? 0}`}
          attribute={attribute}
          value={record?.value}
          busy={action.busy}
          onSave={(value) =>
            void action.run(
              record === undefined ? "Save" : "Replace",
              () => session.values.set(attribute.id, value),
              (saved) => `stored (version ${saved.version}).`,
            )
          }
        />
      )}
      {record !== undefined && (
        <ConfirmButton
          label="Erase"
          question={
            <>
              Erase your {attribute.name} for good? The socket destroys its key: not even an old backup can show it
              again.
            </>
          }
          confirmLabel={`Erase ${attribute.name}`}
          disabled={action.busy}
          onConfirm={() =>
            void action.run(
              "Erase",
              () => session.values.erase(attribute.id),
              () => "erased.",
            )
          }
        />
      )}
      <SocketStatus state={action.state} />
      <dl className="small">
        <dt>May read it now</dt>
        <dd>
          <Readers readers={readers} applications={applications} now={now} />
        </dd>
        <dt>Reads</dt>
        <dd>
          {receipts.length === 0
            ? "none yet"
            : `${receipts.length} (${allowed} allowed, ${receipts.length - allowed} refused) — see the receipts below`}
        </dd>
      </dl>
    </li>
  );
}
