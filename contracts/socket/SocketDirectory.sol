// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governed} from "../governance/Governed.sol";
import {IMembership} from "../membership/IMembership.sol";
import {ISocketDirectory} from "./ISocketDirectory.sol";

/// @title SocketDirectory
/// @notice Where each member's data lives. A member names the URL of their data socket (one they run, or a
/// community's); a member who names none is served by the network's default socket, which only the members'
/// vote changes. The directory is a pointer, not a permission: every read at a socket is checked against
/// AccessGrants anyway, so a wrong pointer can misdirect a client but never open data.
/// @dev A member's own pointer outlives their suspension or removal: their data stays where they put it until
/// they move or erase it, and an owner who was removed still needs to find the socket to exercise their right
/// to erasure (reads of a member who is not active are refused by AccessGrants, whatever the pointer says).
/// Only an active member may name or change a pointer, and only their own; anyone holding a pointer may clear
/// it (it only reverts them to the default). URLs are 1-200 bytes of printable ASCII starting with `http://`
/// or `https://`: no spaces or control characters that could disguise where a client is sent. Every operation
/// is O(1) apart from the URL check, bounded by the 200 bytes. A URL of up to 31 bytes takes one storage slot.
contract SocketDirectory is ISocketDirectory, Governed {
    /// @notice The longest URL accepted, in bytes.
    uint256 public constant MAX_URL_LENGTH = 200;

    /// @notice The membership contract: who is an active member.
    IMembership public immutable membership;

    mapping(address member => string url) private _sockets;
    string private _defaultSocket;

    /// @notice `account` is not an active member, and only active members name a socket.
    error SocketDirectoryNotActiveMember(address account);
    /// @notice The URL is empty.
    error SocketDirectoryEmptyUrl();
    /// @notice The URL has `length` bytes, more than `max`.
    error SocketDirectoryUrlTooLong(uint256 length, uint256 max);
    /// @notice The URL does not start with `http://` or `https://` followed by a host.
    error SocketDirectoryUrlNotHttp();
    /// @notice The URL's byte at `index` is not printable ASCII (a space, a control character or non-ASCII).
    error SocketDirectoryUrlInvalidCharacter(uint256 index);
    /// @notice `member`'s own socket is this URL already.
    error SocketDirectorySocketUnchanged(address member);
    /// @notice `member` named no socket of their own.
    error SocketDirectoryNoSocket(address member);
    /// @notice The default socket is this URL already.
    error SocketDirectoryDefaultUnchanged();
    /// @notice The membership contract must be set.
    error SocketDirectoryZeroAddress();

    /// @param governance_ The timelock that executes the members' decisions (it alone changes the default).
    /// @param membership_ The membership contract.
    /// @param defaultSocket_ The network's initial default socket (a valid URL, see {setSocket}).
    constructor(address governance_, IMembership membership_, string memory defaultSocket_) Governed(governance_) {
        if (address(membership_) == address(0)) revert SocketDirectoryZeroAddress();
        membership = membership_;
        _validateUrl(bytes(defaultSocket_));
        _defaultSocket = defaultSocket_;
        emit DefaultSocketSet(defaultSocket_, msg.sender);
    }

    /// @notice Names `url` as the caller's own socket. Only an active member may.
    /// @param url 1-200 bytes of printable ASCII, starting with `http://` or `https://` and a host.
    function setSocket(string calldata url) external {
        if (!membership.isActiveMember(msg.sender)) revert SocketDirectoryNotActiveMember(msg.sender);
        _validateUrl(bytes(url));
        if (_equals(_sockets[msg.sender], url)) revert SocketDirectorySocketUnchanged(msg.sender);
        _sockets[msg.sender] = url;
        emit SocketSet(msg.sender, url);
    }

    /// @notice Drops the caller's own socket: the default serves them again. Whoever holds a pointer may drop it,
    /// also after a suspension or removal.
    function clearSocket() external {
        if (bytes(_sockets[msg.sender]).length == 0) revert SocketDirectoryNoSocket(msg.sender);
        delete _sockets[msg.sender];
        emit SocketCleared(msg.sender);
    }

    /// @notice Changes the network's default socket. Only the governance executor (after a members' vote) may.
    /// @param url A valid URL (see {setSocket}).
    function setDefaultSocket(string calldata url) external onlyGovernance {
        _validateUrl(bytes(url));
        if (_equals(_defaultSocket, url)) revert SocketDirectoryDefaultUnchanged();
        _defaultSocket = url;
        emit DefaultSocketSet(url, msg.sender);
    }

    /// @inheritdoc ISocketDirectory
    function socketOf(address member) external view returns (string memory) {
        string memory own = _sockets[member];
        return bytes(own).length == 0 ? _defaultSocket : own;
    }

    /// @inheritdoc ISocketDirectory
    function ownSocketOf(address member) external view returns (string memory) {
        return _sockets[member];
    }

    /// @inheritdoc ISocketDirectory
    function defaultSocket() external view returns (string memory) {
        return _defaultSocket;
    }

    /// @dev Reverts unless `url` is 1-200 bytes of printable ASCII (0x21-0x7e) starting with `http://` or
    /// `https://` followed by at least one byte (the host).
    function _validateUrl(bytes memory url) private pure {
        uint256 length = url.length;
        if (length == 0) revert SocketDirectoryEmptyUrl();
        if (length > MAX_URL_LENGTH) revert SocketDirectoryUrlTooLong(length, MAX_URL_LENGTH);
        if (!_hasPrefix(url, "http://") && !_hasPrefix(url, "https://")) revert SocketDirectoryUrlNotHttp();
        for (uint256 i = 0; i < length;) {
            bytes1 b = url[i];
            if (b < 0x21 || b > 0x7e) revert SocketDirectoryUrlInvalidCharacter(i);
            unchecked {
                ++i;
            }
        }
    }

    /// @dev Whether the stored `stored` equals `url`: lengths first, so that a URL of another length (the usual
    /// move) costs no copy of the stored one.
    function _equals(string storage stored, string calldata url) private view returns (bool) {
        return bytes(stored).length == bytes(url).length && keccak256(bytes(stored)) == keccak256(bytes(url));
    }

    /// @dev Whether `url` starts with `prefix` and has at least one byte after it.
    function _hasPrefix(bytes memory url, bytes memory prefix) private pure returns (bool) {
        uint256 n = prefix.length;
        if (url.length <= n) return false;
        for (uint256 i = 0; i < n; ++i) {
            if (url[i] != prefix[i]) return false;
        }
        return true;
    }
}
