"use client";

import type { BookingView } from "@weconet/sdk";

import { AccountName } from "@/components/AccountName";
import { SignIn } from "@/components/data/SignIn";
import { Query } from "@/components/Query";
import { useSocket, useSocketQuery } from "@/lib/socket";

/**
 * A disputed booking's documents — the parties' statements, a ruling — from the data socket, which lets only the
 * booking's two parties and the network's active leaders read them (checked on the chain at the request).
 */
export function Statements({ booking: b }: { booking: BookingView }) {
  const socket = useSocket(b.consumer);
  const documents = useSocketQuery(socket.session, ["booking-documents", b.id.toString()], async (session) => {
    const list = await session.bookingDocuments.list(b.id);
    return Promise.all(list.map(async (d) => ({ ...d, text: await session.bookingDocuments.get(b.id, d.hash) })));
  });
  if (socket.session === undefined) {
    return <SignIn socket={socket} why="The statements are off-chain: read them before ruling." />;
  }
  const kind = (hash: string) =>
    hash === b.dispute?.statement ? "statement" : hash === b.dispute?.ruling ? "ruling" : "document";
  return (
    <Query result={documents} what="the statements">
      {(list) =>
        list.length === 0 ? (
          <p className="muted small">No statement is stored in the data socket for this booking.</p>
        ) : (
          <ul className="plain small" data-testid="statements">
            {list.map((d) => (
              <li key={d.hash} data-document={d.hash}>
                <strong>{kind(d.hash)}</strong> by <AccountName address={d.author} />{" "}
                <span className="muted">({new Date(d.at).toLocaleString("en-GB")})</span>
                <blockquote>{d.text}</blockquote>
              </li>
            ))}
          </ul>
        )
      }
    </Query>
  );
}
