// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet receipt anchors, as auditors and data sockets read them
/// @notice Data-socket operators anchor the Merkle root of their owners' receipt-log heads here, so that an
/// auditor can check that a log was not rewritten after the fact, without seeing any value. No personal data:
/// a root and a count.
interface IReceiptAnchors {
    /// @notice `operator`'s anchor number `seq` (from 1): the Merkle root `root` of its receipt-log heads,
    /// covering `receipts` receipts in all.
    event ReceiptsAnchored(address indexed operator, uint64 indexed seq, bytes32 root, uint64 receipts);

    /// @notice `operator`'s latest anchor; all zero when it anchored nothing yet.
    /// @return root The Merkle root of the operator's receipt-log heads.
    /// @return receipts How many receipts the root covers, across all owners.
    /// @return seq The anchor's number, from 1.
    /// @return anchoredAt When it was anchored (unix seconds).
    function latestOf(
        address operator
    ) external view returns (bytes32 root, uint64 receipts, uint64 seq, uint48 anchoredAt);
}
