// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Governed} from "../governance/Governed.sol";
import {IMembership} from "../membership/IMembership.sol";
import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";
import {IApplications} from "./IApplications.sol";
import {PersonAttributes} from "./PersonAttributes.sol";

/// @title Applications
/// @notice The registry of applications that community developers build on the network's data. A developer
/// registers an application under its account (the address its back end signs data-socket requests with) with a
/// name, a metadata URI, and the person attributes and purpose it asks members for. Members then connect to it in
/// AccessGrants like to another member. A network leader (or the manager, or the members' vote) can suspend an
/// application: all of its access stops at once, because AccessGrants asks {isLive} on every read.
/// @dev A separate contract from AccessGrants: it has its own job and callers, and opening a connection to a
/// member (the common case) never touches it. Nothing here is personal data: names and URIs describe software.
contract Applications is IApplications, Governed {
    /// @notice The longest application name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @notice The longest metadata URI, in bytes.
    uint256 public constant MAX_METADATA_URI_LENGTH = 256;

    /// @notice An application. The first three fields share one slot: {isLive} loads only it.
    // solhint-disable-next-line gas-struct-packing
    struct Application {
        address developer;
        Status status;
        uint48 registeredAt;
        bytes32 purpose;
        string name;
        string metadataURI;
        uint16[] attributeIds;
    }

    /// @notice Where the network's members, roles and statuses are kept.
    IMembership public immutable membership;
    /// @notice The shared vocabulary the requested attributes come from.
    ITaxonomy public immutable taxonomy;

    // the membership's role ids, read once at deployment
    bytes32 private immutable _managerRole;
    bytes32 private immutable _leaderRole;
    bytes32 private immutable _developerRole;

    mapping(address account => Application) private _applications;

    /// @notice Developer `developer` registered the application `account`.
    event ApplicationRegistered(
        address indexed account,
        address indexed developer,
        string name,
        string metadataURI,
        uint16[] attributeIds,
        bytes32 purpose
    );
    /// @notice The developer of application `account` changed its description.
    event ApplicationUpdated(
        address indexed account,
        address indexed developer,
        string name,
        string metadataURI,
        uint16[] attributeIds,
        bytes32 purpose
    );
    /// @notice `by` suspended application `account` for the reason code `reason`: its access stops.
    event ApplicationSuspended(address indexed account, address indexed by, bytes32 reason);
    /// @notice `by` reinstated application `account`: its connections authorize again.
    event ApplicationReinstated(address indexed account, address indexed by);
    /// @notice The developer retired application `account` for good: its access stops.
    event ApplicationRetired(address indexed account, address indexed developer);

    /// @notice `caller` is not an active member holding the developer role.
    error ApplicationsNotDeveloper(address caller);
    /// @notice `caller` is not the developer of application `account`.
    error ApplicationsNotItsDeveloper(address caller, address account);
    /// @notice `caller` is not a network leader, the manager or the governance executor.
    error ApplicationsNotOverseer(address caller);
    /// @notice `account` cannot be an application's account: it is zero, the developer's own address, or has a
    /// membership status (member, applicant, removed): members and applications must stay distinct grantees.
    error ApplicationsInvalidAccount(address account);
    /// @notice An application is registered under `account` already (accounts are never reused).
    error ApplicationsAlreadyRegistered(address account);
    /// @notice Application `account` has status `status`, which does not allow this action.
    error ApplicationsInvalidStatus(address account, Status status);
    /// @notice The name is empty or longer than {MAX_NAME_LENGTH} bytes.
    error ApplicationsInvalidName();
    /// @notice The metadata URI is empty or longer than {MAX_METADATA_URI_LENGTH} bytes.
    error ApplicationsInvalidMetadataURI();
    /// @notice The purpose code must not be zero.
    error ApplicationsEmptyPurpose();

    /// @param governance_ The timelock that executes the members' decisions (may suspend and reinstate).
    /// @param membership_ The membership contract (developers, leaders, manager).
    /// @param taxonomy_ The taxonomy the requested attributes come from.
    constructor(address governance_, IMembership membership_, ITaxonomy taxonomy_) Governed(governance_) {
        membership = membership_;
        taxonomy = taxonomy_;
        _managerRole = membership_.MANAGER_ROLE();
        _leaderRole = membership_.LEADER_ROLE();
        _developerRole = membership_.DEVELOPER_ROLE();
    }

    /// @notice Registers an application under `account`, with the caller as its developer. Only an active member
    /// holding the developer role.
    /// @param account The address the application's back end signs with; it must not be a member, an applicant or a removed member.
    /// @param name The application's name (1 to {MAX_NAME_LENGTH} bytes).
    /// @param metadataURI Where its description, terms and privacy statement are (1 to {MAX_METADATA_URI_LENGTH} bytes).
    /// @param attributeIds The person attributes it asks members for: sorted, active person attributes.
    /// @param purpose The purpose code it asks them for (a short code or a hash; never personal text).
    function register(
        address account,
        string calldata name,
        string calldata metadataURI,
        uint16[] calldata attributeIds,
        bytes32 purpose
    ) external {
        if (!membership.hasActiveRole(_developerRole, msg.sender)) revert ApplicationsNotDeveloper(msg.sender);
        if (account == address(0) || account == msg.sender || membership.statusOf(account) != IMembership.Status.None)
            revert ApplicationsInvalidAccount(account);
        Application storage app = _applications[account];
        if (app.status != Status.None) revert ApplicationsAlreadyRegistered(account);
        _checkDescription(name, metadataURI, attributeIds, purpose);

        app.developer = msg.sender;
        app.status = Status.Active;
        app.registeredAt = uint48(block.timestamp);
        _describe(app, name, metadataURI, attributeIds, purpose);
        emit ApplicationRegistered(account, msg.sender, name, metadataURI, attributeIds, purpose);
    }

    /// @notice Replaces the description of application `account`. Only its developer, while an active developer;
    /// not for a retired application.
    /// @param account The application.
    /// @param name The new name.
    /// @param metadataURI The new metadata URI.
    /// @param attributeIds The person attributes it now asks for.
    /// @param purpose The purpose code it now asks for.
    function update(
        address account,
        string calldata name,
        string calldata metadataURI,
        uint16[] calldata attributeIds,
        bytes32 purpose
    ) external {
        Application storage app = _ownApplication(account);
        if (!membership.hasActiveRole(_developerRole, msg.sender)) revert ApplicationsNotDeveloper(msg.sender);
        if (app.status == Status.Retired) revert ApplicationsInvalidStatus(account, Status.Retired);
        _checkDescription(name, metadataURI, attributeIds, purpose);
        _describe(app, name, metadataURI, attributeIds, purpose);
        emit ApplicationUpdated(account, msg.sender, name, metadataURI, attributeIds, purpose);
    }

    /// @notice Retires application `account` for good: every connection to it stops authorizing. Only its
    /// developer (even one no longer active: retiring only takes access away).
    /// @param account The application.
    function retire(address account) external {
        Application storage app = _ownApplication(account);
        if (app.status == Status.Retired) revert ApplicationsInvalidStatus(account, Status.Retired);
        app.status = Status.Retired;
        emit ApplicationRetired(account, msg.sender);
    }

    /// @notice Suspends active application `account`: all its access stops at once (O(1)). Only an active network
    /// leader, the active manager or the governance executor.
    /// @param account The application.
    /// @param reason A short reason code, never personal text.
    function suspend(address account, bytes32 reason) external {
        _checkOverseer();
        _requireStatus(account, Status.Active);
        _applications[account].status = Status.Suspended;
        emit ApplicationSuspended(account, msg.sender, reason);
    }

    /// @notice Reinstates suspended application `account`: its connections authorize again. The same accounts
    /// that may suspend it.
    /// @param account The application.
    function reinstate(address account) external {
        _checkOverseer();
        _requireStatus(account, Status.Suspended);
        _applications[account].status = Status.Active;
        emit ApplicationReinstated(account, msg.sender);
    }

    /// @notice Application `account` (all fields zero or empty when none).
    /// @param account The application's account.
    /// @return The application.
    function application(address account) external view returns (Application memory) {
        return _applications[account];
    }

    /// @inheritdoc IApplications
    function statusOf(address account) external view returns (Status) {
        return _applications[account].status;
    }

    /// @inheritdoc IApplications
    function isLive(address account) external view returns (bool) {
        Application storage app = _applications[account];
        return app.status == Status.Active && membership.hasActiveRole(_developerRole, app.developer);
    }

    function _describe(
        Application storage app,
        string calldata name,
        string calldata metadataURI,
        uint16[] calldata attributeIds,
        bytes32 purpose
    ) private {
        app.purpose = purpose;
        app.name = name;
        app.metadataURI = metadataURI;
        app.attributeIds = attributeIds;
    }

    function _checkDescription(
        string calldata name,
        string calldata metadataURI,
        uint16[] calldata attributeIds,
        bytes32 purpose
    ) private view {
        if (bytes(name).length == 0 || bytes(name).length > MAX_NAME_LENGTH) revert ApplicationsInvalidName();
        if (bytes(metadataURI).length == 0 || bytes(metadataURI).length > MAX_METADATA_URI_LENGTH) {
            revert ApplicationsInvalidMetadataURI();
        }
        if (purpose == bytes32(0)) revert ApplicationsEmptyPurpose();
        PersonAttributes.check(taxonomy, attributeIds);
    }

    function _ownApplication(address account) private view returns (Application storage app) {
        app = _applications[account];
        if (app.status == Status.None) revert ApplicationsInvalidStatus(account, Status.None);
        if (app.developer != msg.sender) revert ApplicationsNotItsDeveloper(msg.sender, account);
    }

    function _requireStatus(address account, Status expected) private view {
        Status actual = _applications[account].status;
        if (actual != expected) revert ApplicationsInvalidStatus(account, actual);
    }

    function _checkOverseer() private view {
        if (
            msg.sender != governance &&
            !membership.hasActiveRole(_leaderRole, msg.sender) &&
            !membership.hasActiveRole(_managerRole, msg.sender)
        ) revert ApplicationsNotOverseer(msg.sender);
    }
}
