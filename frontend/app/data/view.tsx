"use client";

import { EraseAll } from "@/components/data/EraseAll";
import { Receipts } from "@/components/data/Receipts";
import { SocketChoice } from "@/components/data/SocketChoice";
import { SignIn } from "@/components/data/SignIn";
import { ValueRow } from "@/components/data/ValueRow";
import { Query } from "@/components/Query";
import { shareableAttributes } from "@/lib/attributes";
import { useChainNow } from "@/lib/clock";
import { readersByAttribute } from "@/lib/readers";
import { useSocket, useSocketQuery, type SocketSession } from "@/lib/socket";
import { useWeconet, useWeconetList } from "@/lib/weconet";

/** The owner's receipts, the newest 500 when there are more (the log is read from its start). */
async function latestReceipts(session: SocketSession) {
  const first = await session.receipts({ limit: 500 });
  return first.head.count <= 500 ? first : session.receipts({ after: first.head.count - 500, limit: 500 });
}

/**
 * My data: the values of my person attributes in my data socket (typed inputs per data type), who may read each now
 * (from my connections), the receipts of every read, and erasing one value or everything.
 */
export function DataPage() {
  const { account } = useWeconet();
  const connected = account !== undefined;
  const socket = useSocket();
  const now = useChainNow();
  const attributes = useWeconetList("attributes");
  const applications = useWeconetList("applications");
  const given = useWeconetList(
    "connections",
    { member: account, direction: "given", states: ["live"] },
    { enabled: connected },
  );
  const { session } = socket;
  const values = useSocketQuery(session, ["values"], (s) => s.values.list());
  const receipts = useSocketQuery(session, ["receipts"], latestReceipts);
  const signedOut = () => void socket.signOut();
  const apps = applications.data ?? [];
  const readers = readersByAttribute(given.data ?? []);

  return (
    <>
      <h1>My data</h1>
      <p className="muted">
        Your personal data is not on the chain: it lives in your data socket
        {socket.url == null ? (
          ""
        ) : (
          <>
            {" "}
            at <code data-testid="socket-url">{socket.url}</code>
          </>
        )}
        , encrypted with a key per value. You keep it here, once; a connection lets a member or an application read some
        of it while it is open, and every read — allowed or refused — leaves a receipt below.
      </p>
      {!connected && <p className="banner warning">Connect a wallet to see and keep your data.</p>}
      {connected && (
        <section className="card" aria-labelledby="where-h">
          <h2 id="where-h">Where my data lives</h2>
          <SocketChoice />
        </section>
      )}
      {connected && session === undefined && (
        <section className="card">
          <SignIn socket={socket} why="Your values are yours alone to see and change." />
        </section>
      )}
      {connected && session !== undefined && (
        <>
          <section className="card" aria-labelledby="values-h" data-testid="my-values">
            <div className="row">
              <h2 id="values-h">My values</h2>
              <span className="muted small">
                signed in as <code>{session.address}</code>
              </span>
              <button type="button" className="secondary" onClick={signedOut}>
                Sign out of the socket
              </button>
            </div>
            <Query result={values} what="your values">
              {(stored) => {
                const attrs = attributes.data ?? [];
                const shown = [
                  ...shareableAttributes(attrs),
                  // A deprecated attribute takes no new value, but one stored earlier can still be seen and erased.
                  ...attrs.filter((a) => a.deprecated && stored.some((v) => v.attributeId === a.id)),
                ];
                return (
                  <ul className="plain values">
                    {shown.map((a) => (
                      <ValueRow
                        key={a.id}
                        attribute={a}
                        record={stored.find((v) => v.attributeId === a.id)}
                        readers={readers.get(a.id) ?? []}
                        receipts={(receipts.data?.receipts ?? []).filter((r) => r.attributeId === a.id)}
                        applications={apps}
                        now={now}
                        session={session}
                        onSignedOut={signedOut}
                      />
                    ))}
                  </ul>
                );
              }}
            </Query>
          </section>
          <section className="card" aria-labelledby="receipts-h" data-testid="my-receipts">
            <h2 id="receipts-h">Receipts: who read my data</h2>
            <Query result={receipts} what="your receipts">
              {(log) => <Receipts log={log} attributes={attributes.data ?? []} applications={apps} />}
            </Query>
          </section>
          <section className="card" aria-labelledby="forget-h">
            <h2 id="forget-h">Be forgotten</h2>
            <EraseAll session={session} count={values.data?.length ?? 0} onSignedOut={signedOut} />
          </section>
        </>
      )}
    </>
  );
}
