/**
 * Where a page's time goes (a development probe, not part of `npm run bench`): seeds the large network shrunk by
 * WECONET_BENCH_SCALE_FACTOR (default 1), starts the indexer, then times each read of the pages alone — through
 * the indexer and by node replay, three times after a first read — and prints each GraphQL request the SDK sends
 * for it (time, query, variables, answer size). `sh scripts/toolchain.sh npx hardhat run bench/scale-probe.ts`.
 */
import { createWeconet, indexerSource, type Weconet } from "@weconet/sdk";

import { scaleFactor } from "./scale.js";
import { startScaleIndexer } from "./scale-indexer.js";
import { PAGES } from "./scale-pages.js";
import { LARGE, scaled, seedScaleNetwork } from "./scale-seed.js";

const progress = (line: string) => process.stderr.write(`probe: ${line}\n`);

let requests: string[] = [];
/** The global fetch, noting each GraphQL request: how long it took, what it asked and how much came back. */
const notingFetch: typeof fetch = async (input, init) => {
  const started = performance.now();
  const response = await fetch(input, init);
  const size = (await response.clone().text()).length;
  const body =
    typeof init?.body === "string" ? (JSON.parse(init.body) as { query: string; variables: unknown }) : undefined;
  const name = /\{\s*(\w+)\(/.exec(body?.query ?? "")?.[1] ?? body?.query.slice(0, 30) ?? "?";
  const variables = JSON.stringify(body?.variables ?? {}).slice(0, 160);
  requests.push(`    ${(performance.now() - started).toFixed(1)} ms ${name} ${variables} → ${size} B`);
  return response;
};

const chain = await seedScaleNetwork(scaled(LARGE, scaleFactor()), progress);
try {
  const node: Weconet = createWeconet({ deployment: chain.deployment, publicClient: chain.publicClient });
  let events = 0;
  for await (const _ of node.audit.events()) events++;
  const indexer = await startScaleIndexer(chain, events, progress);
  try {
    const indexed: Weconet = createWeconet({
      deployment: chain.deployment,
      publicClient: chain.publicClient,
      indexer: indexerSource(indexer.url, { fetch: notingFetch }),
    });
    console.log(`${events.toLocaleString("en-US")} events`);
    for (const page of PAGES.filter((p) => p.nodeOnly === undefined)) {
      for (const [name, read] of Object.entries(page.reads)) {
        for (const [label, w] of [
          ["indexer", indexed],
          ["node", node],
        ] as const) {
          await read(w, chain.accounts);
          const times: number[] = [];
          for (let i = 0; i < 3; i++) {
            requests = [];
            const started = performance.now();
            await read(w, chain.accounts);
            times.push(performance.now() - started);
          }
          console.log(`${page.route} ${name} via ${label}: ${times.map((t) => t.toFixed(1)).join(" / ")} ms`);
          if (label === "indexer") console.log(requests.join("\n"));
        }
      }
    }
  } finally {
    await indexer.stop();
  }
} finally {
  await chain.close();
}
