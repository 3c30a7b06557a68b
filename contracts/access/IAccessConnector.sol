// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Connections opened by other Weconet contracts on a member's behalf
/// @notice A connector is a contract approved by the members' vote (the market) that opens a data connection in
/// a transaction the owner sent to it — the owner's consent is that transaction — and closes it again when the
/// business it served is over (a booking completes, is refunded or is ruled on).
interface IAccessConnector {
    /// @notice Opens (or replaces) the connection from `owner` to `grantee` for `attributeIds`, `purpose`, until
    /// `expiresAt`, on `owner`'s behalf. Only an approved connector may call it, and only with the sender of the
    /// transaction it is serving as `owner`. The same checks apply as when the owner opens it directly.
    /// @return connectionId The connection's id (the same one the AccessGrants events carry).
    function openByConnector(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) external returns (uint256 connectionId);

    /// @notice Closes the connection from `owner` to `grantee` if the calling connector opened it and the owner
    /// has not taken it over by granting directly since. Never reverts for a connection that is already closed,
    /// expired or taken over, so that settling a booking can never be blocked by it.
    /// @return closed Whether a connection was closed.
    function closeByConnector(address owner, address grantee) external returns (bool closed);
}
