// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IReceiptAnchors} from "./IReceiptAnchors.sol";

/// @title ReceiptAnchors
/// @notice Where data-socket operators anchor their access-receipt logs: each anchor is the Merkle root of the
/// heads of the operator's per-owner receipt logs and the number of receipts it covers. Anyone may anchor as an
/// operator (the operator is the sender; an auditor decides whose anchors to trust, e.g. the key a socket
/// announces). An operator's count must grow with every anchor: a log can only be extended, so an operator
/// who dropped or rewrote receipts cannot anchor a smaller log, nor a different root for the same count.
/// @dev No personal data: a root and a count. The history of an operator's anchors is in its events; the
/// latest one is stored (two slots). Every operation is O(1).
contract ReceiptAnchors is IReceiptAnchors {
    /// @notice An operator's latest anchor.
    /// @dev `receipts`, `seq` and `anchoredAt` share one slot.
    struct Anchor {
        bytes32 root;
        uint64 receipts;
        uint64 seq;
        uint48 anchoredAt;
    }

    mapping(address operator => Anchor) private _latest;

    /// @notice The root must not be zero.
    error ReceiptAnchorsZeroRoot();
    /// @notice An anchor must cover more receipts than the operator's previous one (`previous`); `receipts` does not.
    error ReceiptAnchorsCountNotIncreasing(uint64 previous, uint64 receipts);

    /// @notice Anchors the caller's receipt logs: the Merkle root `root` of their heads, covering `receipts`
    /// receipts in all, which must be more than the caller's previous anchor covered.
    /// @param root The Merkle root of the operator's receipt-log heads.
    /// @param receipts How many receipts the logs hold in all.
    /// @return seq The anchor's number for this operator, from 1.
    function anchor(bytes32 root, uint64 receipts) external returns (uint64 seq) {
        if (root == bytes32(0)) revert ReceiptAnchorsZeroRoot();
        Anchor storage latest = _latest[msg.sender];
        uint64 previous = latest.receipts;
        if (receipts <= previous) revert ReceiptAnchorsCountNotIncreasing(previous, receipts);
        seq = latest.seq + 1;
        latest.root = root;
        latest.receipts = receipts;
        latest.seq = seq;
        latest.anchoredAt = uint48(block.timestamp);
        emit ReceiptsAnchored(msg.sender, seq, root, receipts);
    }

    /// @inheritdoc IReceiptAnchors
    function latestOf(
        address operator
    ) external view returns (bytes32 root, uint64 receipts, uint64 seq, uint48 anchoredAt) {
        Anchor storage latest = _latest[operator];
        return (latest.root, latest.receipts, latest.seq, latest.anchoredAt);
    }
}
