// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken — TEST DOUBLE, never deployed by Weconet's modules
/// @notice A well-behaved ERC-20 that anyone may mint: what the market's tests pay with.
contract TestToken is ERC20 {
    constructor() ERC20("Test Token", "TST") {}

    /// @notice Mints `amount` to `to` (tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
