import type { SolidityCompilerConfig } from "hardhat/types/config";
import type { ConfigHooks } from "hardhat/types/hooks";

/** The compiler outputs the vocabulary is read from besides the AST (which Hardhat always selects): NatSpec. */
export const NATSPEC_OUTPUTS = ["userdoc", "devdoc"] as const;

type OutputSelection = Record<string, Record<string, string[]>>;

/** A compiler configuration that also asks solc for every contract's NatSpec (userdoc and devdoc). */
function withNatSpec(compiler: SolidityCompilerConfig): SolidityCompilerConfig {
  const settings = (compiler.settings ?? {}) as { outputSelection?: OutputSelection };
  const selection: OutputSelection = { ...settings.outputSelection };
  const forAll = selection["*"] ?? {};
  // NatSpec is part of solc's output only when selected; selecting it changes no bytecode (the metadata hash
  // covers the documentation either way).
  selection["*"] = { ...forAll, "*": [...new Set([...(forAll["*"] ?? []), ...NATSPEC_OUTPUTS])] };
  return { ...compiler, settings: { ...settings, outputSelection: selection } };
}

/**
 * Every build profile's compilers select NatSpec too, so that the vocabulary's error documentation comes from the
 * compiler (not from parsing comments), whatever the project's own `solidity` settings say.
 */
export default async (): Promise<Partial<ConfigHooks>> => ({
  async resolveUserConfig(userConfig, resolveConfigurationVariable, next) {
    const config = await next(userConfig, resolveConfigurationVariable);
    const profiles = Object.fromEntries(
      Object.entries(config.solidity.profiles).map(([name, profile]) => [
        name,
        {
          ...profile,
          compilers: profile.compilers.map(withNatSpec),
          overrides: Object.fromEntries(Object.entries(profile.overrides).map(([file, c]) => [file, withNatSpec(c)])),
        },
      ]),
    );
    return { ...config, solidity: { ...config.solidity, profiles } };
  },
});
