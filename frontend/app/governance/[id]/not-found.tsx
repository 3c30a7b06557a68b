import Link from "next/link";

/** A proposal id that names no proposal of this network (or a short one that names none, or several). */
export default function ProposalNotFound() {
  return (
    <>
      <title>No such proposal · Governance · Weconet</title>
      <h1>No such proposal</h1>
      <p data-testid="proposal-not-found">
        This network has no proposal with that id. A proposal&apos;s address is its full id, or a part of it that names
        only one proposal (its first digits, or <code>first…last</code>).
      </p>
      <p>
        <Link href="/governance">See every proposal</Link>
      </p>
    </>
  );
}
