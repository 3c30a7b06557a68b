// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ReentrantReceiver — TEST DOUBLE, never deployed by Weconet's modules
/// @notice A contract member (a consumer or provider of the market) whose owner acts through {execute}, and
/// which, once armed, calls back into `target` with `payload` whenever it receives native ETH — as an attacker
/// trying to withdraw twice would. The re-entering call's outcome is recorded and swallowed, so the payment
/// itself goes through and the test can check that the re-entry was refused.
contract ReentrantReceiver {
    address public immutable owner;
    address public reentryTarget;
    bytes public payload;
    /// @notice How many re-entering calls were attempted and how many succeeded.
    uint256 public attempts;
    uint256 public successes;
    /// @notice The revert data of the last refused re-entry.
    bytes public lastError;
    /// @notice Whether receiving native ETH fails outright (a recipient that cannot be paid).
    bool public refuseEther;

    /// @notice The call forwarded by {execute} failed with `reason`.
    error ReentrantReceiverCallFailed(bytes reason);
    /// @notice Only the owner may act through this contract.
    error ReentrantReceiverNotOwner(address caller);
    /// @notice This receiver refuses native ETH.
    error ReentrantReceiverRefused();

    constructor() {
        owner = msg.sender;
    }

    /// @notice Calls `to` with `data` and `msg.value` as this contract (owner only); bubbles a failure.
    function execute(address to, bytes calldata data) external payable returns (bytes memory result) {
        if (msg.sender != owner) revert ReentrantReceiverNotOwner(msg.sender);
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = to.call{value: msg.value}(data);
        if (!ok) revert ReentrantReceiverCallFailed(result);
    }

    /// @notice From now on, receiving ETH first calls `target_` with `payload_` (owner only).
    function arm(address target_, bytes calldata payload_) external {
        if (msg.sender != owner) revert ReentrantReceiverNotOwner(msg.sender);
        reentryTarget = target_;
        payload = payload_;
    }

    /// @notice Makes receiving ETH fail (owner only).
    function setRefuseEther(bool refuse) external {
        if (msg.sender != owner) revert ReentrantReceiverNotOwner(msg.sender);
        refuseEther = refuse;
    }

    // The re-entry is the point of this double.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (refuseEther) revert ReentrantReceiverRefused();
        address t = reentryTarget;
        if (t == address(0)) return;
        ++attempts;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = t.call(payload);
        if (ok) ++successes;
        else lastError = returned;
    }
}
