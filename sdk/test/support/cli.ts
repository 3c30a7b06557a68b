/**
 * The `weconet` CLI run in-process (runCli, as bin/weconet.js runs it) against the test chain, with its output
 * collected: no subprocess, so a failing command's stack and the chain's state stay in the test.
 */
import { runCli } from "../../src/cli/program.js";
import { deploymentDirectory, rpcUrl } from "./weconet.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `weconet …args` exactly as typed (no --rpc or --deployment added), in `env` over a clean environment. */
export async function weconetRaw(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    // Only what the test names: no WECONET_* of the developer's shell leaks in.
    env: { PATH: process.env.PATH, ...env },
  });
  return { code, stdout, stderr };
}

/** Runs `weconet …args` against the test chain and its deployment. */
export function weconet(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return weconetRaw(
    [...args, "--rpc", rpcUrl, ...(args.includes("--deployment") ? [] : ["--deployment", deploymentDirectory])],
    env,
  );
}
