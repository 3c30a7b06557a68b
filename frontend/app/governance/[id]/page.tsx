import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { WeconetError } from "@weconet/sdk";

import { ProposalText } from "@/components/governance/ProposalText";
import { listRead, pointRead } from "@/lib/page-reads";
import type { ReadResult } from "@/lib/reads";
import { Prefetched } from "@/server/prefetch";
import { chainServer, currentNetworkConfig } from "@/server/weconet";

import { ProposalPage } from "./view";

export const metadata: Metadata = { title: "Proposal" };

/**
 * A proposal's permalink, `/governance/<id>`: the full id, or a short one that names a single proposal (which
 * redirects to the full one); an id that names none is the not-found page. Its first reads are made by the server
 * (see Prefetched): the same reads its view makes.
 */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id: typed } = await params;
  const chain = (await currentNetworkConfig()).chains[0];
  const server = chain === undefined ? undefined : await chainServer(chain.chainId).catch(() => undefined);
  if (chain === undefined || server === undefined) {
    // Without the server's reads the browser reads (the view says why it cannot); only a full id works then.
    if (!/^\d+$/.test(typed)) notFound();
    return <ProposalPage id={typed} explorer={null} />;
  }
  let id: bigint;
  try {
    id = await server.weconet.reads.resolveProposal(safeDecode(typed));
  } catch (error) {
    if (error instanceof WeconetError) notFound();
    throw error;
  }
  if (id.toString() !== typed) redirect(`/governance/${id.toString()}`);
  // The description never changes: rendered here, its Markdown renderer is not part of the page's JavaScript.
  const proposal = (await server.cache.read("proposalView", [id]).catch(() => undefined)) as
    ReadResult<"proposalView"> | undefined;
  const text =
    proposal === undefined ? undefined : (
      <ProposalText title={proposal.title} description={proposal.description} level={1} headingId="proposal-h" />
    );
  return (
    <Prefetched reads={[pointRead("proposalView", [id]), listRead("votes", { proposalId: id }), listRead("rules")]}>
      <ProposalPage id={id.toString()} explorer={chain.explorerUrl} text={text} />
    </Prefetched>
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
