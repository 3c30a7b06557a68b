import { LARGE, scaled, seedScaleNetwork } from "./scale-seed.js";
const t = Date.now();
const chain = await seedScaleNetwork(scaled(LARGE, Number(process.env.F ?? "0.2")), (l) => process.stderr.write(`${l} (${((Date.now() - t) / 1000).toFixed(1)} s)\n`));
console.log(JSON.stringify({ seeded: chain.seeded, seconds: chain.seconds, gas: chain.gasPerCall, head: String(await chain.publicClient.getBlockNumber()) }));
await chain.close();
