// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";
import {IMembership} from "./IMembership.sol";

/// @title Resources
/// @notice What members bring to the network: equipment, services, capacity, datasets. A resource has an owner
/// (an active member), a class from the taxonomy, a pointer to its off-chain description and an active flag. A
/// member with a resource is an organisation.
/// @dev Ids run from 1. Every operation is O(1).
contract Resources {
    /// @notice A registered resource.
    /// @dev The first four fields share one slot.
    struct Resource {
        address owner;
        uint16 classId;
        bool active;
        uint48 registeredAt;
        bytes32 metadata;
    }

    IMembership public immutable membership;
    ITaxonomy public immutable taxonomy;

    mapping(uint256 id => Resource) private _resources;

    /// @notice The number of resources ever registered; also the highest id.
    uint256 public resourceCount;

    /// @notice `owner` registered resource `id` of class `classId`, described by the document `metadata`.
    event ResourceRegistered(uint256 indexed id, address indexed owner, uint16 indexed classId, bytes32 metadata);
    /// @notice Resource `id` now has class `classId` and description `metadata`.
    event ResourceUpdated(uint256 indexed id, address indexed owner, uint16 indexed classId, bytes32 metadata);
    /// @notice Resource `id` was switched on (`active`) or off.
    event ResourceActiveSet(uint256 indexed id, address indexed owner, bool active);

    /// @notice `account` is not an active member.
    error ResourcesNotActiveMember(address account);
    /// @notice `classId` is not an active resource class of the taxonomy.
    error ResourcesInvalidClass(uint16 classId);
    /// @notice The description pointer must not be zero.
    error ResourcesEmptyMetadata();
    /// @notice No resource has id `id`.
    error ResourcesUnknownResource(uint256 id);
    /// @notice `caller` does not own resource `id`.
    error ResourcesNotOwner(uint256 id, address caller);
    /// @notice Resource `id` is already in the requested active state.
    error ResourcesActiveUnchanged(uint256 id, bool active);
    /// @notice Resource `id` was registered in an earlier membership of its owner, who left since: register it anew.
    error ResourcesFromEarlierMembership(uint256 id);
    /// @notice The membership and taxonomy contracts must be set.
    error ResourcesZeroAddress();

    /// @param membership_ The membership contract.
    /// @param taxonomy_ The shared vocabulary (resource classes).
    constructor(IMembership membership_, ITaxonomy taxonomy_) {
        if (address(membership_) == address(0) || address(taxonomy_) == address(0)) revert ResourcesZeroAddress();
        membership = membership_;
        taxonomy = taxonomy_;
    }

    /// @notice Registers a resource owned by the caller, an active member; it starts active.
    /// @param classId An active resource class of the taxonomy.
    /// @param metadata The content hash of the resource's off-chain description.
    /// @return id The new resource's id.
    function register(uint16 classId, bytes32 metadata) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _validate(classId, metadata);
        id = ++resourceCount;
        _resources[id] = Resource({
            owner: msg.sender,
            classId: classId,
            active: true,
            registeredAt: uint48(block.timestamp),
            metadata: metadata
        });
        emit ResourceRegistered(id, msg.sender, classId, metadata);
    }

    /// @notice Changes the class and description of the caller's resource `id`.
    /// @param id The resource.
    /// @param classId An active resource class of the taxonomy.
    /// @param metadata The content hash of the new description.
    function update(uint256 id, uint16 classId, bytes32 metadata) external {
        Resource storage r = _owned(id);
        _validate(classId, metadata);
        r.classId = classId;
        r.metadata = metadata;
        emit ResourceUpdated(id, msg.sender, classId, metadata);
    }

    /// @notice Switches the caller's resource `id` on or off.
    /// @param id The resource.
    /// @param active Whether it is available.
    function setActive(uint256 id, bool active) external {
        Resource storage r = _owned(id);
        if (r.active == active) revert ResourcesActiveUnchanged(id, active);
        r.active = active;
        emit ResourceActiveSet(id, msg.sender, active);
    }

    /// @notice Resource `id`.
    /// @param id The resource.
    /// @return The resource (reverts with {ResourcesUnknownResource} when it does not exist).
    function resource(uint256 id) external view returns (Resource memory) {
        return _existing(id);
    }

    /// @notice Whether resource `id` exists, is active, and its owner is an active member who registered it in
    /// their current membership (a member who left and re-joined does not get their old resources back).
    /// @param id The resource.
    /// @return Whether it is available.
    function isAvailable(uint256 id) external view returns (bool) {
        Resource storage r = _resources[id];
        if (!r.active) return false;
        uint48 since = membership.activeSince(r.owner);
        return since != 0 && since <= r.registeredAt;
    }

    function _owned(uint256 id) private view returns (Resource storage r) {
        r = _existing(id);
        if (r.owner != msg.sender) revert ResourcesNotOwner(id, msg.sender);
        uint48 since = membership.activeSince(msg.sender);
        if (since == 0) revert ResourcesNotActiveMember(msg.sender);
        if (since > r.registeredAt) revert ResourcesFromEarlierMembership(id);
    }

    function _existing(uint256 id) private view returns (Resource storage r) {
        r = _resources[id];
        if (r.owner == address(0)) revert ResourcesUnknownResource(id);
    }

    function _validate(uint16 classId, bytes32 metadata) private view {
        if (metadata == bytes32(0)) revert ResourcesEmptyMetadata();
        if (!taxonomy.isActiveClass(classId, ITaxonomy.Domain.Resource)) revert ResourcesInvalidClass(classId);
    }

    function _requireActiveMember(address account) private view {
        if (!membership.isActiveMember(account)) revert ResourcesNotActiveMember(account);
    }
}
