/**
 * Generates the SDK's vocabulary (`sdk/src/generated/vocabulary.ts`) from the compiler's output, so that no enum
 * member, role id, rule key, typed-data layout or error argument is ever written twice: every enum of the Weconet
 * sources and of the OpenZeppelin code they import (members in order), role ids, the bytes32 short strings and
 * numbers the contracts declare as constants, EIP-712 type hashes, and every custom error's arguments with its
 * NatSpec. Runs after every Hardhat build (see ./solidity-hook.ts), like the ABIs.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { keccak256, stringToHex, toHex, type Hex } from "viem";

import { isWeconetSource } from "./abis.js";

/** The part of a solc AST node the generator reads; every node has a type and an id. */
interface AstNode {
  nodeType: string;
  id: number;
  src?: string;
  name?: string;
  [key: string]: unknown;
}

interface AbiParameter {
  name: string;
  type: string;
  internalType?: string;
  components?: readonly AbiParameter[];
}

interface AbiItem {
  type: string;
  name?: string;
  inputs?: readonly AbiParameter[];
}

/** NatSpec of an error as solc gives it, per declaration with that signature. */
interface ErrorDocs {
  userdoc?: { errors?: Record<string, readonly { notice?: string }[]> };
  devdoc?: { errors?: Record<string, readonly { details?: string; params?: Record<string, string> }[]> };
}

/** The parts of solc's standard JSON output the vocabulary comes from (a Hardhat build info's `output`). */
export interface CompilerOutput {
  sources: Record<string, { ast: AstNode }>;
  contracts: Record<string, Record<string, { abi: readonly AbiItem[] } & ErrorDocs>>;
}

/** A contract compiled in a build whose artifact is current. */
export interface ContractRef {
  /** The input source name in the compiler output (Hardhat's `project/contracts/...`). */
  inputSourceName: string;
  contractName: string;
  /** Whether the vocabulary lists its errors (the deployable Weconet contracts, whose ABIs the SDK has). */
  listErrors: boolean;
}

/**
 * One compiler run (a Hardhat build info) and the current artifacts it produced. An incremental build leaves
 * several: an older one still holds the artifacts that did not need compiling again, and stale copies of the
 * sources that changed since, so a source is read only from a build whose current artifacts depend on it.
 */
export interface Build {
  output: CompilerOutput;
  contracts: readonly ContractRef[];
}

export interface ErrorParam {
  name: string;
  type: string;
  /** The enum the argument is, by its canonical name (a key of `ENUMS`). */
  enum?: string;
  /** Its `@param` text. */
  doc?: string;
}

export interface ErrorEntry {
  /** The contract (or library, or interface) that declares it; "" for a file-level error. */
  declaredIn: string;
  /** The source that declares it (`contracts/...` for a Weconet source, `npm/...` for a package's). */
  source: string;
  params: ErrorParam[];
  notice?: string;
  dev?: string;
}

export interface TypedData {
  primaryType: string;
  types: Record<string, { name: string; type: string }[]>;
}

export interface Vocabulary {
  enums: Record<string, string[]>;
  roles: Record<string, Record<string, Hex>>;
  shortStrings: Record<string, Record<string, string>>;
  numbers: Record<string, Record<string, bigint>>;
  typedData: Record<string, Record<string, TypedData>>;
  errors: Record<string, ErrorEntry>;
}

const fail = (message: string): never => {
  throw new Error(`weconet vocabulary: ${message}`);
};

/** The source name a Weconet source has in the repository (Hardhat prefixes project files with `project/`). */
const repositoryName = (inputSourceName: string) => inputSourceName.replace(/^project\//, "");

function children(node: AstNode): AstNode[] {
  const nodes = node["nodes"];
  return Array.isArray(nodes) ? (nodes as AstNode[]) : [];
}

function child(node: AstNode, key: string): AstNode {
  const value = node[key];
  if (value === null || typeof value !== "object") fail(`node ${node.id} (${node.nodeType}) has no ${key}`);
  return value as AstNode;
}

function text(node: AstNode, key: string): string {
  const value = node[key];
  if (typeof value !== "string") fail(`node ${node.id} (${node.nodeType}) has no text ${key}`);
  return value as string;
}

const typeString = (node: AstNode) => {
  const descriptions = node["typeDescriptions"] as { typeString?: string } | undefined;
  return descriptions?.typeString ?? "";
};

/** `roots` and every source they import, directly or not. */
function closure(sources: ReadonlyMap<string, AstNode>, roots: Iterable<string>): Set<string> {
  const todo = [...new Set(roots)];
  const seen = new Set(todo);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const unit = sources.get(name) ?? fail(`the compiler output lacks the AST of ${name}`);
    for (const node of children(unit)) {
      if (node.nodeType !== "ImportDirective") continue;
      const imported = text(node, "absolutePath");
      if (!seen.has(imported)) {
        seen.add(imported);
        todo.push(imported);
      }
    }
  }
  return seen;
}

/** A constant's declaration, with the contract (or "" at file level) that declares it. */
interface Constant {
  node: AstNode;
  owner: string;
  source: string;
  /** The constants of the build it was read from, by AST id (ids are per compiler run). */
  byId: ReadonlyMap<number, AstNode>;
}

/** Every constant declared in `unit`, by AST id. */
function indexConstants(node: AstNode, into: Map<number, AstNode>): void {
  if (node.nodeType === "VariableDeclaration" && node["constant"] === true) into.set(node.id, node);
  for (const member of children(node)) indexConstants(member, into);
}

const SECONDS: Record<string, bigint> = {
  seconds: 1n,
  minutes: 60n,
  hours: 3600n,
  days: 86_400n,
  weeks: 604_800n,
  wei: 1n,
  gwei: 1_000_000_000n,
  ether: 1_000_000_000_000_000_000n,
};

type Value = { kind: "number"; value: bigint } | { kind: "string"; value: string } | { kind: "hash"; value: Hex };

/**
 * The value of a constant's initial expression, for the forms Weconet and OpenZeppelin use: number literals
 * (with units), arithmetic on them, other constants, `type(uintN).max`, string literals and `keccak256` of one.
 */
function evaluate(expr: AstNode, byId: ReadonlyMap<number, AstNode>, where: string): Value {
  const whole = /^int_const (-?\d+)$/.exec(typeString(expr));
  if (whole?.[1] !== undefined) return { kind: "number", value: BigInt(whole[1]) };
  const number = (e: AstNode) => {
    const v = evaluate(e, byId, where);
    return v.kind === "number" ? v.value : fail(`${where}: expected a number at ${e.src ?? e.id}`);
  };
  switch (expr.nodeType) {
    case "Literal": {
      const kind = text(expr, "kind");
      if (kind === "string") return { kind: "string", value: text(expr, "value") };
      if (kind === "number") {
        const unit = expr["subdenomination"];
        const scale = typeof unit === "string" ? (SECONDS[unit] ?? fail(`${where}: unknown unit ${unit}`)) : 1n;
        return { kind: "number", value: BigInt(text(expr, "value").replaceAll("_", "")) * scale };
      }
      return fail(`${where}: a ${kind} literal`);
    }
    case "TupleExpression": {
      const components = expr["components"] as AstNode[];
      const only = components.length === 1 ? components[0] : undefined;
      return only === undefined ? fail(`${where}: a tuple`) : evaluate(only, byId, where);
    }
    case "Identifier":
    case "MemberAccess": {
      const target = expr["referencedDeclaration"];
      if (typeof target === "number") {
        const constant = byId.get(target) ?? fail(`${where}: ${expr.name ?? "a reference"} is not a constant`);
        return evaluate(child(constant, "value"), byId, where);
      }
      // type(uintN).max / .min
      const bits = /^type\(uint(\d+)\)$/.exec(typeString(child(expr, "expression")));
      const member = expr["memberName"];
      if (bits?.[1] !== undefined && member === "max") return { kind: "number", value: (1n << BigInt(bits[1])) - 1n };
      if (bits?.[1] !== undefined && member === "min") return { kind: "number", value: 0n };
      return fail(`${where}: cannot evaluate member access ${String(member)}`);
    }
    case "BinaryOperation": {
      const a = number(child(expr, "leftExpression"));
      const b = number(child(expr, "rightExpression"));
      const operator = text(expr, "operator");
      if (operator === "+") return { kind: "number", value: a + b };
      if (operator === "-") return { kind: "number", value: a - b };
      if (operator === "*") return { kind: "number", value: a * b };
      if (operator === "/") return { kind: "number", value: a / b };
      if (operator === "**") return { kind: "number", value: a ** b };
      if (operator === "<<") return { kind: "number", value: a << b };
      if (operator === ">>") return { kind: "number", value: a >> b };
      return fail(`${where}: cannot evaluate operator ${operator}`);
    }
    case "FunctionCall": {
      const callee = child(expr, "expression");
      const args = expr["arguments"] as AstNode[];
      const [only] = args;
      if (callee.nodeType === "Identifier" && callee.name === "keccak256" && args.length === 1 && only !== undefined) {
        const input = evaluate(only, byId, where);
        if (input.kind === "string") return { kind: "hash", value: keccak256(stringToHex(input.value)) };
      }
      return fail(`${where}: cannot evaluate a call of ${callee.name ?? callee.nodeType}`);
    }
    default:
      return fail(`${where}: cannot evaluate a ${expr.nodeType}`);
  }
}

/** A bytes32 constant's id: a number is right-aligned (as `bytes32(uint256(x))`), a string left-aligned. */
function bytes32Of(value: Value, where: string): Hex {
  if (value.kind === "hash") return value.value;
  if (value.kind === "number") return toHex(value.value, { size: 32 });
  return value.value.length <= 32 ? stringToHex(value.value, { size: 32 }) : fail(`${where}: too long for bytes32`);
}

/** An EIP-712 type string (`Grant(address owner,uint16[] ids)Other(...)`) as viem's typed-data `types`. */
export function typedDataOf(encoded: string, where: string): TypedData {
  const types: TypedData["types"] = {};
  let primaryType: string | undefined;
  let rest = encoded;
  for (let match = /^(\w+)\(([^)]*)\)/.exec(rest); match !== null; match = /^(\w+)\(([^)]*)\)/.exec(rest)) {
    const [all, name = "", fields = ""] = match;
    primaryType ??= name;
    types[name] =
      fields === ""
        ? []
        : fields.split(",").map((field) => {
            const [type, fieldName, extra] = field.split(" ");
            if (type === undefined || fieldName === undefined || extra !== undefined)
              fail(`${where}: bad field "${field}"`);
            return { name: fieldName as string, type: type as string };
          });
    rest = rest.slice(all.length);
  }
  if (primaryType === undefined || rest !== "") fail(`${where}: "${encoded}" is not an EIP-712 type string`);
  return { primaryType: primaryType as string, types };
}

const put = <T>(map: Record<string, Record<string, T>>, owner: string, name: string, value: T) => {
  (map[owner] ??= {})[name] = value;
};

/**
 * The vocabulary of the contracts `contracts` (their errors) and of every source the Weconet sources import
 * (enums, roles), read from one or more compiler outputs (an incremental build leaves several build infos).
 */
export function collectVocabulary(builds: readonly Build[]): Vocabulary {
  // The current sources: those the current artifacts of each build depend on, from that build.
  const sources = new Map<string, AstNode>();
  const constantsOf = new Map<string, ReadonlyMap<number, AstNode>>();
  for (const { output, contracts } of builds) {
    const asts = new Map(Object.entries(output.sources).map(([name, source]) => [name, source.ast]));
    const byId = new Map<number, AstNode>();
    for (const name of closure(
      asts,
      contracts.map((c) => c.inputSourceName),
    )) {
      const ast = asts.get(name) ?? fail(`the build lacks the AST of ${name}`);
      indexConstants(ast, byId);
      if (!sources.has(name)) {
        sources.set(name, ast);
        constantsOf.set(name, byId);
      }
    }
  }
  const wanted = closure(
    sources,
    [...sources.keys()].filter((name) => isWeconetSource(repositoryName(name))),
  );
  const vocabulary: Vocabulary = { enums: {}, roles: {}, shortStrings: {}, numbers: {}, typedData: {}, errors: {} };

  // Enums and constants: walk the sources in a stable order (source name), declarations in source order.
  const constants: Constant[] = [];
  const declaredIn = new Map<string, { owner: string; source: string }>();
  for (const source of [...wanted].sort()) {
    const unit = sources.get(source) ?? fail(`the compiler output lacks the AST of ${source}`);
    const visit = (node: AstNode, owner: string) => {
      if (node.nodeType === "EnumDefinition") {
        const name = text(node, "canonicalName");
        if (vocabulary.enums[name] !== undefined) fail(`two enums are named ${name}`);
        vocabulary.enums[name] = (node["members"] as AstNode[]).map((m) => text(m, "name"));
      } else if (node.nodeType === "VariableDeclaration" && node["constant"] === true) {
        constants.push({ node, owner, source, byId: constantsOf.get(source) ?? fail(`no constants of ${source}`) });
      } else if (node.nodeType === "ErrorDefinition") {
        const name = text(node, "name");
        if (!declaredIn.has(name)) declaredIn.set(name, { owner, source: repositoryName(source) });
      } else if (node.nodeType === "ContractDefinition") {
        for (const member of children(node)) visit(member, text(node, "name"));
      }
    };
    for (const node of children(unit)) visit(node, "");
  }

  const roleIds = new Map<string, Hex>();
  for (const { node, owner, source, byId } of constants) {
    const name = text(node, "name");
    const visibility = node["visibility"];
    const type = typeString(node);
    const where = `${owner === "" ? source : owner}.${name}`;
    const weconet = isWeconetSource(repositoryName(source));
    // Private constants are a contract's own business; OpenZeppelin's count only as roles and type hashes.
    if (visibility === "private") continue;
    if (type === "bytes32" && name.endsWith("_ROLE")) {
      const id = bytes32Of(evaluate(child(node, "value"), byId, where), where);
      const known = roleIds.get(name);
      if (known !== undefined && known !== id) fail(`${name} has two ids (${known}, ${id})`);
      roleIds.set(name, id);
      put(vocabulary.roles, owner, name, id);
      continue;
    }
    if (type === "bytes32" && name.endsWith("_TYPEHASH")) {
      // keccak256("Type(...)"): the typed data is the string hashed.
      const value = child(node, "value");
      const [hashed] = (value["arguments"] as AstNode[] | undefined) ?? [];
      const encoded = hashed === undefined ? undefined : evaluate(hashed, byId, where);
      if (encoded?.kind !== "string") fail(`${where}: a type hash must be keccak256 of a string literal`);
      else put(vocabulary.typedData, owner, name, typedDataOf(encoded.value, where));
      continue;
    }
    if (!weconet) continue;
    if (type === "bytes32") {
      const value = evaluate(child(node, "value"), byId, where);
      if (value.kind === "string") put(vocabulary.shortStrings, owner, name, value.value);
      continue;
    }
    if (/^u?int\d*$/.test(type)) {
      const value = evaluate(child(node, "value"), byId, where);
      if (value.kind !== "number") fail(`${where}: not a number`);
      else put(vocabulary.numbers, owner, name, value.value);
    }
  }

  // Errors: those of the contracts' ABIs, with NatSpec from the contracts' userdoc and devdoc (keyed by signature).
  const enumNames = new Set(Object.keys(vocabulary.enums));
  const listed = builds.flatMap(({ output, contracts }) =>
    contracts.filter((c) => c.listErrors).map((c) => ({ ...c, output })),
  );
  for (const { inputSourceName, contractName, output: build } of listed) {
    const output = build.contracts[inputSourceName]?.[contractName];
    if (output === undefined) fail(`the compiler output lacks ${inputSourceName}:${contractName}`);
    else {
      if (output.userdoc === undefined || output.devdoc === undefined) {
        fail(`${contractName} has no NatSpec in the build: the weconet codegen plugin's config hook selects it`);
      }
      for (const item of output.abi) {
        if (item.type !== "error" || item.name === undefined) continue;
        const inputs = item.inputs ?? [];
        const signature = `${item.name}(${inputs.map(canonicalType).join(",")})`;
        const notice = output.userdoc?.errors?.[signature]?.find((d) => d.notice !== undefined)?.notice;
        const dev = output.devdoc?.errors?.[signature]?.find((d) => d.details !== undefined || d.params !== undefined);
        const at = declaredIn.get(item.name) ?? fail(`${signature} is declared in no source of the build`);
        const entry: ErrorEntry = {
          declaredIn: at.owner,
          source: at.source,
          params: inputs.map((input) => {
            const enumName = /^enum (.+)$/.exec(input.internalType ?? "")?.[1];
            if (enumName !== undefined && !enumNames.has(enumName)) fail(`${signature}: unknown enum ${enumName}`);
            const doc = dev?.params?.[input.name];
            return {
              name: input.name,
              type: input.type,
              ...(enumName === undefined ? {} : { enum: enumName }),
              ...(doc === undefined ? {} : { doc }),
            };
          }),
          ...(notice === undefined ? {} : { notice }),
          ...(dev?.details === undefined ? {} : { dev: dev.details }),
        };
        const known = vocabulary.errors[item.name];
        if (
          known !== undefined &&
          JSON.stringify(known.params.map((p) => p.type)) !== JSON.stringify(inputs.map((i) => i.type))
        ) {
          fail(`two errors are named ${item.name} with different arguments`);
        }
        // The first contract that documents an error wins; they all read the same declaration.
        if (known === undefined || (known.notice === undefined && known.dev === undefined)) {
          vocabulary.errors[item.name] = entry;
        }
      }
    }
  }
  // Stable output whatever order the artifacts came in.
  vocabulary.errors = Object.fromEntries(Object.entries(vocabulary.errors).sort(([a], [b]) => a.localeCompare(b)));
  return vocabulary;
}

/** An ABI parameter's type as a signature spells it (tuples expanded). */
function canonicalType(p: AbiParameter): string {
  if (!p.type.startsWith("tuple")) return p.type;
  return `(${(p.components ?? []).map(canonicalType).join(",")})${p.type.slice("tuple".length)}`;
}

/** A TypeScript literal of `value` (bigints as `123n`), indented. */
function literal(value: unknown, indent = ""): string {
  const inner = indent + "  ";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 100 && !flat.includes("\n")
      ? flat
      : `[\n${items.map((i) => inner + i).join(",\n")},\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const items = entries.map(([k, v]) => `${key(k)}: ${literal(v, inner)}`);
    const flat = `{ ${items.join(", ")} }`;
    return flat.length <= 100 && !flat.includes("\n")
      ? flat
      : `{\n${items.map((i) => inner + i).join(",\n")},\n${indent}}`;
  }
  return fail(`cannot write ${String(value)}`);
}

/** The text of `sdk/src/generated/vocabulary.ts`. */
export function renderVocabulary(v: Vocabulary): string {
  const section = (doc: string, name: string, value: unknown) =>
    `/** ${doc} */\nexport const ${name} = ${literal(value)} as const;\n`;
  return [
    "// Generated from the compiler's output by sdk/codegen/vocabulary.ts on every Hardhat build. Do not edit; not committed.\n",
    section(
      "Every enum of the Weconet sources and the OpenZeppelin code they import, by canonical name: members in order.",
      "ENUMS",
      v.enums,
    ),
    section("Role ids (AccessControl's `*_ROLE` constants), by the contract declaring them.", "ROLE_IDS", v.roles),
    section(
      "The Weconet contracts' bytes32 constants that are short strings (rule keys), by contract.",
      "SHORT_STRINGS",
      v.shortStrings,
    ),
    section("The Weconet contracts' public and internal number constants, by contract.", "NUMBERS", v.numbers),
    section("EIP-712 typed data of each `*_TYPEHASH` constant, by contract.", "TYPED_DATA", v.typedData),
    section(
      "Every custom error the Weconet contracts can raise: its arguments (enums by name) and NatSpec.",
      "ERRORS",
      v.errors,
    ),
  ].join("\n");
}

interface Artifact {
  contractName: string;
  inputSourceName: string;
  buildInfoId: string;
}

/**
 * Writes the vocabulary of the build whose current artifacts are `artifactPaths` to `outFile`, listing the errors of
 * the `deployable` ones (the contracts whose ABIs the SDK has); the build infos are in `buildInfoDir`.
 */
export async function generateVocabulary(
  artifactPaths: readonly string[],
  deployable: readonly string[],
  buildInfoDir: string,
  outFile: string,
): Promise<void> {
  const listed = new Set(deployable);
  const artifacts = await Promise.all(
    artifactPaths.map(async (file) => ({
      ...(JSON.parse(await readFile(file, "utf8")) as Artifact),
      listErrors: listed.has(file),
    })),
  );
  const ids = [...new Set(artifacts.map((a) => a.buildInfoId))].sort();
  const builds = await Promise.all(
    ids.map(async (id): Promise<Build> => {
      const file = path.join(buildInfoDir, `${id}.output.json`);
      const { output } = JSON.parse(await readFile(file, "utf8")) as { output: CompilerOutput };
      const contracts = artifacts
        .filter((a) => a.buildInfoId === id)
        .map(({ inputSourceName, contractName, listErrors }) => ({ inputSourceName, contractName, listErrors }));
      return { output, contracts };
    }),
  );
  const text = renderVocabulary(collectVocabulary(builds));
  await mkdir(path.dirname(outFile), { recursive: true });
  const previous = await readFile(outFile, "utf8").catch(() => "");
  if (previous !== text) await writeFile(outFile, text);
}
