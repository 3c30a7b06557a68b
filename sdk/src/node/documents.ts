import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { documentsResolver, type DocumentResolver } from "../matching.js";

/**
 * A resolver over the offer documents in a folder (e.g. downloaded from the providers' sites or IPFS): every file
 * is found by the keccak-256 hash of its text, whatever its name, so the matcher only uses documents that are
 * what the chain says.
 */
export function documentsFromDirectory(dir: string): DocumentResolver {
  const texts = readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, "utf8"));
  return documentsResolver(texts);
}
