import { measureAll } from "./measure.js";
import { SCENARIOS } from "./registry.js";
const run = await measureAll([10], SCENARIOS.slice(1), [], (l) => process.stderr.write(l + "\n"));
for (const m of run.weconet) console.log(JSON.stringify(m, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
