// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {Authority} from "../governance/Authority.sol";
import {Governed} from "../governance/Governed.sol";
import {IMembership} from "../membership/IMembership.sol";
import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";
import {IApplications} from "./IApplications.sol";
import {PersonAttributes} from "./PersonAttributes.sol";

/// @title Applications
/// @notice The registry of applications that community developers build on the network's data. A developer
/// registers an application under its account (the address its back end signs data-socket requests with) with a
/// name, a metadata URI, and the person attributes and purpose it asks members for. Members then connect to it in
/// AccessGrants like to another member. Registering needs the application account's own consent (its EIP-712
/// signature, or ERC-1271 for a contract account), and an address that is or ever was a member can never be an
/// application, so that no grant given to a member turns into a grant to an application. An application lives
/// only while its developer's current membership began no later than its registration: a developer who left
/// and came back must register it anew (with a fresh consent of the account), and grants count only from the
/// registration. A network leader (or the manager, or the members' vote) can suspend an application: all of its
/// access stops at once, because AccessGrants asks {liveSince} on every read; only the same or a higher
/// authority lifts the suspension.
/// @dev A separate contract from AccessGrants: it has its own job and callers, and opening a connection to a
/// member (the common case) never touches it. Nothing here is personal data: names and URIs describe software.
contract Applications is IApplications, Governed, EIP712, Nonces {
    /// @notice The longest application name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @notice The longest metadata URI, in bytes.
    uint256 public constant MAX_METADATA_URI_LENGTH = 256;

    /// @notice The EIP-712 type an application account signs to consent to being registered by `developer`.
    bytes32 public constant REGISTRATION_TYPEHASH = keccak256(
        "Registration(address account,address developer,uint256 nonce,uint256 deadline)"
    );

    /// @notice An application. The first four fields share one slot: {isLive} loads only it. `suspendedBy` is the
    /// authority of the suspension in force (None unless suspended).
    // solhint-disable-next-line gas-struct-packing
    struct Application {
        address developer;
        Status status;
        uint48 registeredAt;
        Authority suspendedBy;
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

    /// @notice Developer `developer` registered the application `account` (again, when it had been registered
    /// before by a developer who left since), with the account's consent (its signature over `nonce`).
    event ApplicationRegistered(
        address indexed account,
        address indexed developer,
        string name,
        string metadataURI,
        uint16[] attributeIds,
        bytes32 purpose,
        uint256 nonce
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
    /// @notice `by`, acting as `authority`, suspended application `account` for the reason code `reason` (or
    /// raised the authority of its suspension): its access stops.
    event ApplicationSuspended(address indexed account, address indexed by, bytes32 reason, Authority authority);
    /// @notice `by`, acting as `authority`, reinstated application `account`: its connections authorize again.
    event ApplicationReinstated(address indexed account, address indexed by, Authority authority);
    /// @notice The developer retired application `account` for good: its access stops.
    event ApplicationRetired(address indexed account, address indexed developer);

    /// @notice `caller` is not an active member holding the developer role.
    error ApplicationsNotDeveloper(address caller);
    /// @notice `caller` is not the developer of application `account`.
    error ApplicationsNotItsDeveloper(address caller, address account);
    /// @notice `caller` is not a network leader, the manager or the governance executor.
    error ApplicationsNotOverseer(address caller);
    /// @notice `account` cannot be an application's account: it is zero, the developer's own address, has a
    /// membership status (applicant, member, removed) or was ever a member: members and applications must stay
    /// distinct grantees.
    error ApplicationsInvalidAccount(address account);
    /// @notice A live application is registered under `account` already, or a retired one (accounts are reused
    /// only for an application whose developer left).
    error ApplicationsAlreadyRegistered(address account);
    /// @notice The account's consent lapsed at `deadline`.
    error ApplicationsConsentExpired(uint256 deadline);
    /// @notice The signature is not `account`'s consent (ECDSA, or ERC-1271 for a contract) to this registration.
    error ApplicationsInvalidConsent(address account);
    /// @notice `caller` acts with authority `actual`; lifting this suspension needs `required` or higher.
    error ApplicationsInsufficientAuthority(address caller, Authority required, Authority actual);
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
    constructor(
        address governance_,
        IMembership membership_,
        ITaxonomy taxonomy_
    ) Governed(governance_) EIP712("Weconet Applications", "1") {
        membership = membership_;
        taxonomy = taxonomy_;
        _managerRole = membership_.MANAGER_ROLE();
        _leaderRole = membership_.LEADER_ROLE();
        _developerRole = membership_.DEVELOPER_ROLE();
    }

    /// @notice Registers an application under `account`, with the caller as its developer, on the account's
    /// consent. Only an active member holding the developer role. An account whose application's developer left
    /// since (or whose current membership began after the registration) may be registered anew: the registration
    /// time restarts, so grants given before do not count; a suspension in force stays.
    /// @param account The address the application's back end signs with; it must never have been a member and
    /// must not be an applicant.
    /// @param name The application's name (1 to {MAX_NAME_LENGTH} bytes).
    /// @param metadataURI Where its description, terms and privacy statement are (1 to {MAX_METADATA_URI_LENGTH} bytes).
    /// @param attributeIds The person attributes it asks members for: sorted, active person attributes.
    /// @param purpose The purpose code it asks them for (a short code or a hash; never personal text).
    /// @param deadline Until when the account's consent holds.
    /// @param signature The account's EIP-712 signature of type `Registration` (domain "Weconet Applications"
    /// version "1") over (account, caller, {nonces}(account), deadline): ECDSA, or ERC-1271 for a contract.
    function register(
        address account,
        string calldata name,
        string calldata metadataURI,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (!membership.hasActiveRole(_developerRole, msg.sender)) revert ApplicationsNotDeveloper(msg.sender);
        if (
            account == address(0) ||
            account == msg.sender ||
            membership.hasBeenMember(account) ||
            membership.statusOf(account) != IMembership.Status.None
        ) revert ApplicationsInvalidAccount(account);
        Application storage app = _applications[account];
        Status status = app.status;
        if (status == Status.Retired || (status != Status.None && _developerCurrent(app))) {
            revert ApplicationsAlreadyRegistered(account);
        }
        _checkDescription(name, metadataURI, attributeIds, purpose);
        uint256 nonce = _useConsent(account, deadline, signature);

        app.developer = msg.sender;
        if (status == Status.None) app.status = Status.Active;
        app.registeredAt = uint48(block.timestamp);
        _describe(app, name, metadataURI, attributeIds, purpose);
        emit ApplicationRegistered(account, msg.sender, name, metadataURI, attributeIds, purpose, nonce);
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
    /// leader, the active manager or the governance executor (members' vote > manager > leader); the authority is
    /// recorded. A higher authority may suspend a suspended application again, to raise the suspension's authority.
    /// @param account The application.
    /// @param reason A short reason code, never personal text.
    function suspend(address account, bytes32 reason) external {
        Authority authority = _authorityOf(msg.sender);
        Application storage app = _applications[account];
        Status status = app.status;
        if (status == Status.Suspended) {
            if (authority <= app.suspendedBy) {
                revert ApplicationsInsufficientAuthority(msg.sender, Authority(uint8(app.suspendedBy) + 1), authority);
            }
        } else if (status != Status.Active) {
            revert ApplicationsInvalidStatus(account, status);
        }
        app.status = Status.Suspended;
        app.suspendedBy = authority;
        emit ApplicationSuspended(account, msg.sender, reason, authority);
    }

    /// @notice Reinstates suspended application `account`: its connections authorize again. Only an authority the
    /// same as or higher than the suspension's (members' vote > manager > leader).
    /// @param account The application.
    function reinstate(address account) external {
        Authority authority = _authorityOf(msg.sender);
        _requireStatus(account, Status.Suspended);
        Application storage app = _applications[account];
        Authority required = app.suspendedBy;
        if (authority < required) revert ApplicationsInsufficientAuthority(msg.sender, required, authority);
        app.status = Status.Active;
        app.suspendedBy = Authority.None;
        emit ApplicationReinstated(account, msg.sender, authority);
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
        return liveSince(account) != 0;
    }

    /// @inheritdoc IApplications
    function liveSince(address account) public view returns (uint48) {
        Application storage app = _applications[account];
        if (app.status != Status.Active) return 0;
        if (!_developerCurrent(app) || !membership.hasActiveRole(_developerRole, app.developer)) return 0;
        return app.registeredAt;
    }

    /// @notice The EIP-712 digest an application account signs to consent to `developer` registering it.
    /// @param account The application account.
    /// @param developer The developer who registers it.
    /// @param nonce The account's nonce ({nonces}).
    /// @param deadline Until when the consent holds.
    /// @return The digest.
    function registrationDigest(
        address account,
        address developer,
        uint256 nonce,
        uint256 deadline
    ) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REGISTRATION_TYPEHASH, account, developer, nonce, deadline)));
    }

    /// @dev Checks the account's consent to the caller registering it and uses up its nonce.
    function _useConsent(address account, uint256 deadline, bytes calldata signature) private returns (uint256 nonce) {
        if (block.timestamp > deadline) revert ApplicationsConsentExpired(deadline);
        nonce = _useNonce(account);
        bytes32 digest = registrationDigest(account, msg.sender, nonce, deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(account, digest, signature)) {
            revert ApplicationsInvalidConsent(account);
        }
    }

    /// @dev Whether the developer's current membership began no later than the registration (0: not a member).
    function _developerCurrent(Application storage app) private view returns (bool) {
        uint48 since = membership.memberSince(app.developer);
        return since != 0 && since <= app.registeredAt;
    }

    /// @dev The highest authority `caller` acts with; reverts when it has none.
    function _authorityOf(address caller) private view returns (Authority) {
        if (caller == governance) return Authority.MembersVote;
        if (membership.hasActiveRole(_managerRole, caller)) return Authority.Manager;
        if (membership.hasActiveRole(_leaderRole, caller)) return Authority.Leader;
        revert ApplicationsNotOverseer(caller);
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
}
