// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Floor
/// @notice Benchmark-only, not part of Weconet: the least a consent-style write can cost. One call writes one
/// fresh storage slot (an owner → grantee record packed into one word) and emits one event that names both
/// parties, with nothing else: no checks, no reads. Weconet's consent-style operations are compared with it.
contract Floor {
    mapping(address owner => mapping(address grantee => uint256 record)) private _records;

    /// @notice `owner` wrote `record` for `grantee`.
    event Recorded(address indexed owner, address indexed grantee, uint256 record);

    /// @notice Writes the caller's record for `grantee`.
    /// @param grantee The other party.
    /// @param value The packed record (e.g. attribute id and expiry).
    function record(address grantee, uint256 value) external {
        _records[msg.sender][grantee] = value;
        emit Recorded(msg.sender, grantee, value);
    }
}
