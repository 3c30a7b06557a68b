// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAccessConnector} from "../access/IAccessConnector.sol";

/// @title RecordingAccessConnector — TEST DOUBLE, never deployed by Weconet's modules
/// @notice Stands in for AccessGrants in the market's Solidity fuzz and invariant tests, which exercise escrow
/// and settlement on their own: it records which connections the market opened and closed, so the tests can
/// check that every settled booking closed its connection. The real AccessGrants is tested with the market in
/// the mocha tests.
contract RecordingAccessConnector is IAccessConnector {
    struct Connection {
        uint256 id;
        bytes32 attributes;
        bytes32 purpose;
        uint48 expiresAt;
        bool open;
    }

    mapping(address owner => mapping(address grantee => Connection)) public connections;
    uint256 public opened;
    uint256 public closed;

    /// @inheritdoc IAccessConnector
    function openByConnector(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) external returns (uint256 connectionId) {
        connectionId = ++opened;
        connections[owner][grantee] = Connection({
            id: connectionId,
            attributes: keccak256(abi.encode(attributeIds)),
            purpose: purpose,
            expiresAt: expiresAt,
            open: true
        });
    }

    /// @inheritdoc IAccessConnector
    function closeByConnector(address owner, address grantee) external returns (bool wasOpen) {
        Connection storage c = connections[owner][grantee];
        wasOpen = c.open;
        if (wasOpen) {
            c.open = false;
            ++closed;
        }
    }

    /// @notice Whether the connection from `owner` to `grantee` is open.
    function isOpen(address owner, address grantee) external view returns (bool) {
        return connections[owner][grantee].open;
    }
}
