import { network } from "hardhat";

/**
 * One in-process Hardhat network shared by every mocha test file (fixtures snapshot and revert it).
 * `network.getOrCreate()` reuses the connection instead of creating a new chain per file.
 */
export const connection = await network.getOrCreate();
export const { ethers, ignition, networkHelpers } = connection;
