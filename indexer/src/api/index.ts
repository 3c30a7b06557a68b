/**
 * The indexer's HTTP API: Ponder's GraphQL over the model's tables at /graphql (what the SDK's `indexerSource`
 * reads), and /weconet/status. Ponder itself serves /ready (200 once the historical backfill is done), /status (the
 * block each chain is indexed up to), /health and /metrics — names it reserves, hence /weconet/status.
 */
import { Hono } from "hono";
import { eq, graphql, sql } from "ponder";
import { db } from "ponder:api";
import schema from "ponder:schema";

const app = new Hono();

// The SDK's indexerSource sends the queries a page makes together as one request (up to BATCH_QUERIES of them, see
// sdk/src/indexer/graphql-source.ts): Ponder's default token limit (1,000, Apollo's) would refuse such a batch of
// wide tables; the depth and alias limits stay Ponder's.
app.use(
  "/graphql",
  graphql({ db, schema }, { maxOperationTokens: 20_000, maxOperationDepth: 100, maxOperationAliases: 30 }),
);

/** Whether the backfill is done, the block indexed up to, and how many events the model has folded. */
app.get("/weconet/status", async (c) => {
  const meta = await db.execute(sql`SELECT value FROM _ponder_meta WHERE key = 'app'`);
  const checkpoints = await db.execute(sql`SELECT chain_id, latest_checkpoint FROM _ponder_checkpoint`);
  const [folded] = await db
    .select({ events: schema.settings.events, lastBlock: schema.settings.lastBlock })
    .from(schema.settings)
    .where(eq(schema.settings.id, "network"));
  const ponderApp = (meta.rows[0] as { value?: { is_ready?: number } } | undefined)?.value;
  const checkpoint = checkpoints.rows[0] as { chain_id: string | number; latest_checkpoint: string } | undefined;
  return c.json({
    ready: ponderApp?.is_ready === 1,
    chainId: checkpoint === undefined ? null : Number(checkpoint.chain_id),
    // A checkpoint starts with the block's timestamp (10 digits) and chain id (16), then the block number (16).
    block: checkpoint === undefined ? "0" : BigInt(checkpoint.latest_checkpoint.slice(26, 42)).toString(),
    events: folded?.events ?? 0,
    lastEventBlock: folded === undefined ? null : folded.lastBlock.toString(),
  });
});

export default app;
