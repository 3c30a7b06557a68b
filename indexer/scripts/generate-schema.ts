/** `npm run codegen`: writes ponder.schema.ts from the SDK's MODEL_TABLES (see lib/schema.ts). */
import path from "node:path";

import { generateSchema } from "../lib/schema.js";

console.log(`weconet indexer: wrote ${path.relative(process.cwd(), generateSchema())}`);
