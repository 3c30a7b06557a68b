// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken — TEST DOUBLE, never deployed by Weconet's modules
/// @notice A malicious ERC-20: once armed, every transfer first calls `target` with `payload` (for instance the
/// market's `withdraw` or `book`), as an attacker controlling the token would. The re-entering call's outcome is
/// recorded and swallowed, so the outer call goes on and the test can check that the re-entry was refused and
/// nothing was paid twice.
contract ReentrantToken is ERC20 {
    address public reentryTarget;
    bytes public payload;
    /// @notice How many re-entering calls were attempted and how many succeeded.
    uint256 public attempts;
    uint256 public successes;
    /// @notice The revert data of the last refused re-entry.
    bytes public lastError;

    constructor() ERC20("Reentrant Token", "RNT") {}

    /// @notice Mints `amount` to `to` (tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice From now on, each transfer first calls `target_` with `payload_` (tests only).
    function arm(address target_, bytes calldata payload_) external {
        reentryTarget = target_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address t = reentryTarget;
        if (t != address(0) && from != address(0) && to != address(0)) {
            ++attempts;
            // solhint-disable-next-line avoid-low-level-calls
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory returned) = t.call(payload);
            if (ok) ++successes;
            else lastError = returned;
        }
        super._update(from, to, value);
    }
}
