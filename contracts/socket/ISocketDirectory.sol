// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Weconet socket directory, as the SDK, the dApp, applications and data sockets read it
/// @notice Where a member's data lives: the URL of the data socket that serves their attribute values, named by
/// the member, or the network's default socket (the community's data commons) when they named none.
interface ISocketDirectory {
    /// @notice `member` named `url` as their own socket.
    event SocketSet(address indexed member, string url);
    /// @notice `member` dropped their own socket: the network's default applies to them again.
    event SocketCleared(address indexed member);
    /// @notice The network's default socket is now `url` (set at deployment by the deployer, later by `by`, the
    /// governance executor).
    event DefaultSocketSet(string url, address indexed by);

    /// @notice The URL of the socket serving `member`'s data: their own if they named one, else the default.
    function socketOf(address member) external view returns (string memory);

    /// @notice The socket `member` named themselves; empty when they named none.
    function ownSocketOf(address member) external view returns (string memory);

    /// @notice The network's default socket (the data commons).
    function defaultSocket() external view returns (string memory);
}
