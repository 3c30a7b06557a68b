// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {NoncesKeyed} from "@openzeppelin/contracts/utils/NoncesKeyed.sol";

import {Governed} from "../governance/Governed.sol";
import {IMembership} from "../membership/IMembership.sol";
import {INetworkRules} from "../rules/INetworkRules.sol";
import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";
import {IAccessConnector} from "./IAccessConnector.sol";
import {IApplications} from "./IApplications.sol";
import {Connection, ConnectionLib} from "./Connection.sol";
import {PersonAttributes} from "./PersonAttributes.sol";

/// @title AccessGrants
/// @notice Data connections: who may access which person attributes of whom, for what purpose, until when. A
/// member's attribute values live off-chain in their data socket; this contract holds only the connection, and
/// the socket asks {isAuthorized} before it releases a value. Access, not ownership: the owner opens a connection
/// to a grantee (another member or a registered application) and can always close it; the grantee can always
/// give it up. Consent comes as the owner's own transaction, the owner's EIP-712 signature (ERC-1271 for contract
/// wallets) submitted by anyone, the owner accepting the grantee's request, or a transaction the owner sent to a
/// connector the members' vote approved (the market).
/// @dev One connection per (owner, grantee), identified by `connectionId = keccak256(owner, grantee)`, made of up
/// to eight consents, each kept in one packed word (see {Connection}): the attribute ids inline when there are at
/// most 10, else in a two-word bitmap. Slot 0 is the owner's own consent (grant, signature, accepted request):
/// granting again replaces it (extends, shortens, widens or narrows it). Slots 1..{MAX_CONSENT_SLOT} are connector
/// consents, one per booking: a connector only adds one in a free slot and removes that same one, so it never
/// touches the owner's own consent or another booking's. The grantee may read an attribute while any live consent
/// covers it. Revoking or relinquishing clears every consent of the pair, so a closed consent never revives without
/// a new one; a connector slot stays occupied (consent cleared) until its connector frees it, so that a slot is
/// never reused under a booking that still refers to it. {isAuthorized} answers in O(1) (at most eight words) plus
/// the live status of the parties, the application and the attribute, so a suspension, departure or deprecation
/// takes effect at once without touching any grant.
contract AccessGrants is IAccessConnector, Governed, EIP712, NoncesKeyed, Multicall {
    using ConnectionLib for Connection;

    /// @notice How the owner consented to a connection being opened or changed.
    enum Consent {
        Owner,
        Signature,
        Request,
        Connector
    }

    /// @notice Why a connection closed.
    enum CloseReason {
        Revoked,
        Relinquished,
        Connector
    }

    /// @notice A grant the owner signed off-chain (EIP-712 type `Grant`), submitted by anyone with {grantBySig}.
    /// @dev Calldata only, in the order of the EIP-712 type: packing does not apply.
    // solhint-disable-next-line gas-struct-packing
    struct SignedGrant {
        address owner;
        address grantee;
        uint16[] attributeIds;
        bytes32 purpose;
        uint48 expiresAt;
        uint48 issuedAt;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice One consent of a connection as the views return it (expiry 0 when the slot holds none).
    struct ConnectionInfo {
        uint48 expiresAt;
        uint48 grantedAt;
        address connector;
        uint16[] attributeIds;
    }

    /// @notice A grantee's pending request: when it lapses, and a digest of what it asks (the owner accepts by
    /// repeating what it asks, so the grantee cannot swap the request under the owner's answer).
    struct PendingRequest {
        uint48 expiresAt;
        bytes26 digest;
    }

    /// @notice A connector's number (for the connection slot) and whether the members' vote approves it now.
    struct ConnectorRecord {
        uint8 id;
        bool approved;
    }

    /// @notice The EIP-712 type of a signed grant.
    bytes32 public constant GRANT_TYPEHASH = keccak256(
        "Grant(address owner,address grantee,uint16[] attributeIds,bytes32 purpose,uint48 expiresAt,uint48 issuedAt,uint256 nonce,uint256 deadline)"
    );

    /// @notice The most connectors that can ever be approved (each gets a number in the connection slot).
    uint256 public constant MAX_CONNECTORS = type(uint8).max;

    /// @notice The highest consent slot of a connection: slot 0 is the owner's own consent, slots 1 to this one hold
    /// connector consents (one per booking), so at most this many bookings with data run at once between a pair.
    uint8 public constant MAX_CONSENT_SLOT = 7;

    /// @notice How long after deployment the bootstrapper may approve connectors at most ({finishBootstrap} ends it
    /// earlier): the deployment approves the market within it, and the bootstrap lapses by itself.
    uint256 public constant BOOTSTRAP_PERIOD = 1 days;

    /// @dev The occupancy bits of the connector slots 1..7 (bit i = slot i).
    uint256 private constant CONNECTOR_SLOTS = 0xfe;

    /// @dev The taxonomy's cap on attribute ids, and so the size of a connection's bitmap.
    uint256 private constant MAX_ATTRIBUTE_ID = 512;

    /// @notice Where the network's members, roles and statuses are kept.
    IMembership public immutable membership;
    /// @notice The network rules (maximum grant duration, lifetime of access requests).
    INetworkRules public immutable networkRules;
    /// @notice The shared vocabulary: connections cover its active person attributes.
    ITaxonomy public immutable taxonomy;
    /// @notice The registry of applications members can connect to.
    IApplications public immutable applications;

    /// @notice When the bootstrap phase ends by itself, fixed at construction ({BOOTSTRAP_PERIOD} after it).
    uint256 public immutable bootstrapEndsAt;

    /// @notice Who may approve connectors (contracts only) until {finishBootstrap} or {bootstrapEndsAt} (the
    /// deployer, so that the market is approved within the deployment); zero after {finishBootstrap}. Use
    /// {isBootstrapping} to tell whether it still may.
    address public bootstrapper;
    /// @notice How many connectors were ever approved (their numbers run from 1).
    uint8 public connectorCount;

    // slot 0: the owner's own consent
    mapping(uint256 connectionId => Connection) private _connections;
    mapping(uint256 connectionId => uint256[2] bits) private _attributeBitmaps;
    // slots 1..7: connector consents, and which of these slots a connector holds (bit i = slot i)
    mapping(uint256 connectionId => mapping(uint8 slot => Connection)) private _connectorConsents;
    mapping(uint256 connectionId => mapping(uint8 slot => uint256[2] bits)) private _connectorBitmaps;
    mapping(uint256 connectionId => uint8 mask) private _occupiedSlots;
    mapping(uint256 connectionId => PendingRequest) private _requests;
    mapping(address connector => ConnectorRecord) private _connectors;
    mapping(uint8 id => address connector) private _connectorById;

    /// @notice A consent opened in `slot` of the connection: `grantee` may access `attributeIds` of `owner` for
    /// `purpose` until `expiresAt`. `connector` is the connector that opened it (zero unless `consent` is
    /// `Connector`); slot 0 is the owner's own consent, slots 1 and up are connector consents.
    event ConnectionOpened(
        address indexed owner,
        address indexed grantee,
        uint256 indexed connectionId,
        uint16[] attributeIds,
        bytes32 purpose,
        uint48 expiresAt,
        Consent consent,
        address connector,
        uint8 slot
    );
    /// @notice The open consent in `slot` was replaced by a new consent of the owner: these are its attributes,
    /// purpose and expiry now (only slot 0, the owner's own consent, is ever replaced).
    event ConnectionChanged(
        address indexed owner,
        address indexed grantee,
        uint256 indexed connectionId,
        uint16[] attributeIds,
        bytes32 purpose,
        uint48 expiresAt,
        Consent consent,
        address connector,
        uint8 slot
    );
    /// @notice The consent in `slot` of the connection closed: `by` (the owner, the grantee or a connector) ended
    /// it. Revoking or relinquishing emits one per consent it closes.
    event ConnectionClosed(
        address indexed owner,
        address indexed grantee,
        uint256 indexed connectionId,
        CloseReason reason,
        address by,
        uint8 slot
    );
    /// @notice `grantee` asks `owner` for `attributeIds`, for `purpose`, for `duration` seconds from acceptance; the
    /// request lapses at `requestExpiresAt`. It replaces any earlier pending request of `grantee` to `owner`.
    event AccessRequested(
        address indexed owner,
        address indexed grantee,
        uint256 indexed connectionId,
        uint16[] attributeIds,
        bytes32 purpose,
        uint32 duration,
        uint48 requestExpiresAt
    );
    /// @notice `owner` accepted `grantee`'s request (a {ConnectionOpened} or {ConnectionChanged} follows).
    event AccessRequestAccepted(address indexed owner, address indexed grantee, uint256 indexed connectionId);
    /// @notice `owner` rejected `grantee`'s request, with the reason code `reason` (may be zero).
    event AccessRequestRejected(
        address indexed owner,
        address indexed grantee,
        uint256 indexed connectionId,
        bytes32 reason
    );
    /// @notice `grantee` withdrew its request to `owner`.
    event AccessRequestCancelled(address indexed owner, address indexed grantee, uint256 indexed connectionId);
    /// @notice `owner` used up `nonce` without a grant: a signature over it can no longer be submitted.
    event NonceInvalidated(address indexed owner, uint256 nonce);
    /// @notice A grant `owner` signed with `nonce` was submitted (a {ConnectionOpened} or {ConnectionChanged}
    /// follows): with {NonceInvalidated}, every used nonce is in the events.
    event SignedGrantUsed(address indexed owner, uint256 indexed connectionId, uint256 nonce);
    /// @notice `by` (the members' vote, or the bootstrapper within the deployment) approved or unapproved
    /// `connector` (number `id`).
    event ConnectorSet(address indexed connector, uint8 id, bool approved, address indexed by);
    /// @notice The bootstrap phase ended: from now on only the members' vote approves connectors.
    event BootstrapFinished(address indexed bootstrapper);

    /// @notice `account` must be an active member for this.
    error AccessGrantsNotActiveMember(address account);
    /// @notice An owner cannot connect to themselves.
    error AccessGrantsSelfGrant(address owner);
    /// @notice `grantee` is neither an active member nor a live application.
    error AccessGrantsInvalidGrantee(address grantee);
    /// @notice The purpose code must not be zero.
    error AccessGrantsEmptyPurpose();
    /// @notice `expiresAt` is not in the future or later than `latest` (now plus the maximum grant duration).
    error AccessGrantsInvalidExpiry(uint48 expiresAt, uint256 latest);
    /// @notice A requested duration must be positive and at most `max` seconds (the maximum grant duration).
    error AccessGrantsInvalidDuration(uint32 duration, uint32 max);
    /// @notice There is no connection from `owner` to `grantee` to close.
    error AccessGrantsNoConnection(address owner, address grantee);
    /// @notice All {MAX_CONSENT_SLOT} connector slots of the connection from `owner` to `grantee` are taken (by
    /// bookings not settled yet).
    error AccessGrantsNoFreeSlot(address owner, address grantee);
    /// @notice `caller` does not hold connector slot `slot` of the connection from `owner` to `grantee`.
    error AccessGrantsNotSlotHolder(address caller, address owner, address grantee, uint8 slot);
    /// @notice The signed grant was issued at `issuedAt`: before `owner`'s current membership began
    /// (`memberSince`), or later than now.
    error AccessGrantsStaleSignature(address owner, uint48 issuedAt, uint48 memberSince);
    /// @notice The bootstrapper may approve only contracts; `connector` has no code.
    error AccessGrantsConnectorNotContract(address connector);
    /// @notice The signature's deadline `deadline` has passed.
    error AccessGrantsSignatureExpired(uint256 deadline);
    /// @notice `nonce` is not `owner`'s next nonce for its key (`expected`): used, invalidated, or out of order.
    error AccessGrantsInvalidNonce(address owner, uint256 nonce, uint256 expected);
    /// @notice The signature is not `owner`'s (ECDSA, or ERC-1271 for a contract wallet) over this grant.
    error AccessGrantsInvalidSignature(address owner);
    /// @notice `grantee` has no pending request to `owner`.
    error AccessGrantsNoRequest(address owner, address grantee);
    /// @notice The request of `grantee` to `owner` lapsed at `expiredAt`.
    error AccessGrantsRequestExpired(address owner, address grantee, uint48 expiredAt);
    /// @notice What the owner accepts differs from what `grantee` requested.
    error AccessGrantsRequestMismatch(address owner, address grantee);
    /// @notice `caller` is not an approved connector (to open) or was never one (to close).
    error AccessGrantsNotConnector(address caller);
    /// @notice `caller` is not the bootstrapper, or the bootstrap phase is over (finished or lapsed).
    error AccessGrantsNotBootstrapper(address caller);
    /// @notice A connector cannot be the zero address.
    error AccessGrantsInvalidConnector(address connector);
    /// @notice `connector`'s approval is `approved` already.
    error AccessGrantsConnectorUnchanged(address connector, bool approved);
    /// @notice {MAX_CONNECTORS} connectors have been approved already.
    error AccessGrantsTooManyConnectors();

    /// @param governance_ The timelock that executes the members' decisions (approves connectors).
    /// @param membership_ The membership contract.
    /// @param networkRules_ The network rules.
    /// @param taxonomy_ The taxonomy.
    /// @param applications_ The application registry.
    /// @param bootstrapper_ Who may approve connectors (contracts only) until calling {finishBootstrap}, at most
    /// {BOOTSTRAP_PERIOD} from now (zero for nobody).
    constructor(
        address governance_,
        IMembership membership_,
        INetworkRules networkRules_,
        ITaxonomy taxonomy_,
        IApplications applications_,
        address bootstrapper_
    ) Governed(governance_) EIP712("Weconet AccessGrants", "1") {
        membership = membership_;
        networkRules = networkRules_;
        taxonomy = taxonomy_;
        applications = applications_;
        bootstrapper = bootstrapper_;
        bootstrapEndsAt = block.timestamp + BOOTSTRAP_PERIOD;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Owners: open, change and close connections
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Opens the caller's own consent to `grantee` (slot 0), or replaces it (to extend, shorten, widen or
    /// narrow it); consents the caller gave through bookings stay as they are. The caller must be an active member; `grantee` an active member or a live application.
    /// @param grantee The member or application account that gets access.
    /// @param attributeIds The person attributes it may access: sorted, active person attributes of the taxonomy.
    /// @param purpose The purpose code (a short code or a hash; never personal text).
    /// @param expiresAt When access ends: in the future, at most the maximum grant duration from now.
    /// @return connectionId The connection's id.
    function grant(
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) external returns (uint256 connectionId) {
        return _open(msg.sender, grantee, attributeIds, purpose, expiresAt, Consent.Owner);
    }

    /// @notice Opens or replaces the owner's own consent on the owner's EIP-712 signature: the owner signs, anyone
    /// submits (and pays). The same checks apply as for {grant}; the nonce is used up ({SignedGrantUsed}). A
    /// signature issued before the owner's current membership began (they left and joined again) is refused.
    /// @param signed The grant as signed (type `Grant`, domain "Weconet AccessGrants" version "1").
    /// @param signature The owner's signature: ECDSA for an account without code, ERC-1271 for a contract wallet.
    /// @return connectionId The connection's id.
    function grantBySig(SignedGrant calldata signed, bytes calldata signature) external returns (uint256 connectionId) {
        if (block.timestamp > signed.deadline) revert AccessGrantsSignatureExpired(signed.deadline);
        uint256 expected = _useNonce(signed.owner, uint192(signed.nonce >> 64));
        if (signed.nonce != expected) revert AccessGrantsInvalidNonce(signed.owner, signed.nonce, expected);
        if (!SignatureChecker.isValidSignatureNowCalldata(signed.owner, grantDigest(signed), signature)) {
            revert AccessGrantsInvalidSignature(signed.owner);
        }
        // a member who is not a member now is refused by _open; memberSince is theirs only while they are one
        uint48 since = membership.memberSince(signed.owner);
        if (signed.issuedAt < since || signed.issuedAt > block.timestamp) {
            revert AccessGrantsStaleSignature(signed.owner, signed.issuedAt, since);
        }
        emit SignedGrantUsed(signed.owner, connectionIdOf(signed.owner, signed.grantee), signed.nonce);
        return
            _open(
                signed.owner,
                signed.grantee,
                signed.attributeIds,
                signed.purpose,
                signed.expiresAt,
                Consent.Signature
            );
    }

    /// @notice Uses up the caller's next nonce of `key` without granting: a signed grant with that nonce can no
    /// longer be submitted (cancels a signature handed out but not yet used).
    /// @param key The nonce key (the high 192 bits of a nonce; 0 for the default sequence).
    function invalidateNonce(uint192 key) external {
        emit NonceInvalidated(msg.sender, _useNonce(msg.sender, key));
    }

    /// @notice Closes the caller's connection to `grantee`: every consent of it, the caller's own and those given
    /// through bookings. Always possible, whatever the caller's status, also for consents that have expired already
    /// (they are then cleared). Settling a booking afterwards closes nothing and never fails.
    /// @param grantee The grantee.
    function revoke(address grantee) external {
        _close(msg.sender, grantee, CloseReason.Revoked);
    }

    /// @notice Gives up the caller's access to `owner`'s data: every consent of the connection. Always possible,
    /// whatever the caller's status.
    /// @param owner The owner of the connection.
    function relinquish(address owner) external {
        _close(owner, msg.sender, CloseReason.Relinquished);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Grantees ask, owners answer
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Asks `owner` for access to `attributeIds` for `purpose`, for `duration` seconds from acceptance. The
    /// caller must be an active member or a live application. The request lapses after the network rule
    /// "access request lifetime" and replaces the caller's earlier pending request to `owner`.
    /// @param owner The member whose data the caller asks for.
    /// @param attributeIds The person attributes: sorted, active person attributes.
    /// @param purpose The purpose code.
    /// @param duration How long the connection would last once accepted, at most the maximum grant duration.
    function requestAccess(address owner, uint16[] calldata attributeIds, bytes32 purpose, uint32 duration) external {
        if (owner == msg.sender) revert AccessGrantsSelfGrant(owner);
        if (!membership.isActiveMember(owner)) revert AccessGrantsNotActiveMember(owner);
        _checkGrantee(msg.sender);
        if (purpose == bytes32(0)) revert AccessGrantsEmptyPurpose();
        uint32 maxDuration = networkRules.maxGrantDuration();
        if (duration == 0 || duration > maxDuration) revert AccessGrantsInvalidDuration(duration, maxDuration);
        PersonAttributes.check(taxonomy, attributeIds);

        uint48 expiresAt = uint48(block.timestamp + networkRules.accessRequestLifetime());
        uint256 connectionId = connectionIdOf(owner, msg.sender);
        _requests[connectionId] = PendingRequest(expiresAt, requestDigest(attributeIds, purpose, duration));
        emit AccessRequested(owner, msg.sender, connectionId, attributeIds, purpose, duration, expiresAt);
    }

    /// @notice Accepts `grantee`'s pending request, repeating what it asks: the caller's own consent (slot 0)
    /// opens (or is replaced) until `duration` seconds from now. The same checks apply as for {grant}.
    /// @param grantee The member or application that asked.
    /// @param attributeIds The attributes it asked for.
    /// @param purpose The purpose it asked for.
    /// @param duration The duration it asked for.
    /// @return connectionId The connection's id.
    function acceptRequest(
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint32 duration
    ) external returns (uint256 connectionId) {
        connectionId = connectionIdOf(msg.sender, grantee);
        PendingRequest memory request = _pendingRequest(msg.sender, grantee, connectionId);
        if (request.expiresAt <= block.timestamp) {
            revert AccessGrantsRequestExpired(msg.sender, grantee, request.expiresAt);
        }
        if (request.digest != requestDigest(attributeIds, purpose, duration)) {
            revert AccessGrantsRequestMismatch(msg.sender, grantee);
        }
        delete _requests[connectionId];
        emit AccessRequestAccepted(msg.sender, grantee, connectionId);
        _open(msg.sender, grantee, attributeIds, purpose, uint48(block.timestamp + duration), Consent.Request);
    }

    /// @notice Rejects `grantee`'s pending request (also one that has lapsed, to clear it).
    /// @param grantee The member or application that asked.
    /// @param reason A short reason code (may be zero), never personal text.
    function rejectRequest(address grantee, bytes32 reason) external {
        uint256 connectionId = connectionIdOf(msg.sender, grantee);
        _pendingRequest(msg.sender, grantee, connectionId);
        delete _requests[connectionId];
        emit AccessRequestRejected(msg.sender, grantee, connectionId, reason);
    }

    /// @notice Withdraws the caller's pending request to `owner`.
    /// @param owner The member the caller asked.
    function cancelRequest(address owner) external {
        uint256 connectionId = connectionIdOf(owner, msg.sender);
        _pendingRequest(owner, msg.sender, connectionId);
        delete _requests[connectionId];
        emit AccessRequestCancelled(owner, msg.sender, connectionId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connectors (the market): open and close on the owner's behalf
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IAccessConnector
    /// @dev AccessGrants cannot see who sent the transaction the connector serves (`tx.origin` would shut out
    /// contract wallets); approving a connector is the members' judgement that it passes its own caller as `owner`.
    function openByConnector(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) external returns (uint256 connectionId, uint8 slot) {
        ConnectorRecord memory record = _connectors[msg.sender];
        if (!record.approved) revert AccessGrantsNotConnector(msg.sender);
        _checkConsent(owner, grantee, attributeIds, purpose, expiresAt);
        connectionId = connectionIdOf(owner, grantee);
        uint256 mask = _occupiedSlots[connectionId];
        uint256 free = ~mask & CONNECTOR_SLOTS;
        if (free == 0) revert AccessGrantsNoFreeSlot(owner, grantee);
        // the lowest free slot: at most seven steps
        slot = 1;
        while ((free >> slot) & 1 == 0) ++slot;
        _occupiedSlots[connectionId] = uint8(mask | (1 << slot));
        _connectorConsents[connectionId][slot] = ConnectionLib.pack(
            expiresAt,
            block.timestamp,
            record.id,
            attributeIds
        );
        if (attributeIds.length > ConnectionLib.MAX_INLINE_ATTRIBUTES) {
            _writeBitmap(_connectorBitmaps[connectionId][slot], attributeIds);
        }
        emit ConnectionOpened(
            owner,
            grantee,
            connectionId,
            attributeIds,
            purpose,
            expiresAt,
            Consent.Connector,
            msg.sender,
            slot
        );
    }

    /// @inheritdoc IAccessConnector
    /// @dev A connector the members' vote no longer approves may still close what it opened. Reverts only when the
    /// caller does not hold the slot (it never opened it, or freed it already).
    function closeByConnector(address owner, address grantee, uint8 slot) external returns (bool closed) {
        uint256 connectionId = connectionIdOf(owner, grantee);
        uint8 mask = _occupiedSlots[connectionId];
        Connection c = _connectorConsents[connectionId][slot];
        uint8 id = _connectors[msg.sender].id;
        // slot 0 and slots above 7 are never occupied; the slot word keeps its connector's number until freed
        if (id == 0 || slot > MAX_CONSENT_SLOT || (mask >> slot) & 1 == 0 || c.connector() != id) {
            revert AccessGrantsNotSlotHolder(msg.sender, owner, grantee, slot);
        }
        _occupiedSlots[connectionId] = mask & ~uint8(1 << slot);
        _connectorConsents[connectionId][slot] = ConnectionLib.none();
        // a consent the owner or the grantee cleared already left only the connector's number in the word
        if (c.expiresAt() == 0) return false;
        emit ConnectionClosed(owner, grantee, connectionId, CloseReason.Connector, msg.sender, slot);
        return c.expiresAt() > block.timestamp;
    }

    /// @notice Approves or unapproves `connector`. Only the governance executor (the members' vote), and, for
    /// contracts only, the bootstrapper while {isBootstrapping} (within the deployment).
    /// @param connector The contract (e.g. the market).
    /// @param approved Whether it may open connections on owners' behalf.
    function setConnector(address connector, bool approved) external {
        if (msg.sender != governance) {
            if (msg.sender != bootstrapper) revert NotGovernance(msg.sender);
            if (!isBootstrapping()) revert AccessGrantsNotBootstrapper(msg.sender);
            if (connector.code.length == 0) revert AccessGrantsConnectorNotContract(connector);
        }
        if (connector == address(0)) revert AccessGrantsInvalidConnector(connector);
        ConnectorRecord storage record = _connectors[connector];
        if (record.approved == approved) revert AccessGrantsConnectorUnchanged(connector, approved);
        if (record.id == 0) {
            if (connectorCount == MAX_CONNECTORS) revert AccessGrantsTooManyConnectors();
            uint8 id = ++connectorCount;
            record.id = id;
            _connectorById[id] = connector;
        }
        record.approved = approved;
        emit ConnectorSet(connector, record.id, approved, msg.sender);
    }

    /// @notice Ends the bootstrap phase for good: from now on only the members' vote approves connectors. Only
    /// the bootstrapper (also once the phase lapsed, to clear its address); the deployment calls it last.
    function finishBootstrap() external {
        address current = bootstrapper;
        if (msg.sender != current || current == address(0)) revert AccessGrantsNotBootstrapper(msg.sender);
        bootstrapper = address(0);
        emit BootstrapFinished(current);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Whether `grantee` may access attribute `attributeId` of `owner` now: the question the data socket
    /// asks before it releases a value. O(1): at most eight consents, without iterating over grants. True while
    /// some live consent of the connection (the owner's own or a booking's) covers the attribute and was given in
    /// the parties' current standing. False when no open, unexpired consent covers the attribute; when the
    /// attribute is deprecated; when the owner is not an active member or joined again after consenting; when a
    /// member grantee is not active or joined again after the consent; when an application grantee is not live
    /// (suspended, retired, its developer no longer an active developer or joined again) or the consent is older
    /// than its registration.
    /// @param owner The member whose data is asked for.
    /// @param grantee The member or application account asking (the socket authenticates it).
    /// @param attributeId The taxonomy attribute.
    /// @return Whether access is granted now.
    function isAuthorized(address owner, address grantee, uint16 attributeId) external view returns (bool) {
        uint256 connectionId = connectionIdOf(owner, grantee);
        // the latest consent that covers the attribute: the parties' standing sets a lower bound on when it was given
        uint48 grantedAt = _coveringGrantedAt(_connections[connectionId], _attributeBitmaps[connectionId], attributeId);
        uint256 mask = _occupiedSlots[connectionId];
        for (uint8 slot = 1; mask >> slot != 0; ++slot) {
            if ((mask >> slot) & 1 == 0) continue;
            uint48 t = _coveringGrantedAt(
                _connectorConsents[connectionId][slot],
                _connectorBitmaps[connectionId][slot],
                attributeId
            );
            if (t > grantedAt) grantedAt = t;
        }
        if (grantedAt == 0) return false;
        if (!taxonomy.isActive(attributeId, ITaxonomy.Domain.Person)) return false;
        uint48 ownerSince = membership.activeSince(owner);
        if (ownerSince == 0 || ownerSince > grantedAt) return false;
        // an application is judged as one, even if its account were ever admitted as a member
        uint48 granteeSince =
            applications.statusOf(grantee) != IApplications.Status.None
                ? applications.liveSince(grantee)
                : membership.activeSince(grantee);
        return granteeSince != 0 && granteeSince <= grantedAt;
    }

    /// @notice The owner's own consent (slot 0) from `owner` to `grantee` as stored (expiry 0 when there is none),
    /// whether or not it authorizes now (see {isAuthorized}); {consentsOf} lists the bookings' consents too.
    /// @param owner The owner.
    /// @param grantee The grantee.
    /// @return info Its expiry, when the consent was given, the connector (always zero here) and its attributes.
    function connectionOf(address owner, address grantee) external view returns (ConnectionInfo memory info) {
        uint256 connectionId = connectionIdOf(owner, grantee);
        return _info(_connections[connectionId], _attributeBitmaps[connectionId]);
    }

    /// @notice Every consent of the connection from `owner` to `grantee`, by slot: slot 0 is the owner's own,
    /// slots 1..{MAX_CONSENT_SLOT} the bookings' (expiry 0 where a slot holds none), whether or not they authorize
    /// now (see {isAuthorized}).
    /// @param owner The owner.
    /// @param grantee The grantee.
    /// @return infos The consents, indexed by slot.
    /// @return occupied Which connector slots are held (bit i = slot i), also those whose consent was cleared.
    function consentsOf(
        address owner,
        address grantee
    ) external view returns (ConnectionInfo[8] memory infos, uint8 occupied) {
        uint256 connectionId = connectionIdOf(owner, grantee);
        infos[0] = _info(_connections[connectionId], _attributeBitmaps[connectionId]);
        occupied = _occupiedSlots[connectionId];
        for (uint8 slot = 1; slot <= MAX_CONSENT_SLOT; ++slot) {
            if ((occupied >> slot) & 1 == 0) continue;
            infos[slot] = _info(_connectorConsents[connectionId][slot], _connectorBitmaps[connectionId][slot]);
        }
    }

    /// @notice Whether the bootstrapper may still approve connectors: before {finishBootstrap} and before
    /// {bootstrapEndsAt}.
    /// @return Whether the bootstrap phase is on.
    function isBootstrapping() public view returns (bool) {
        return bootstrapper != address(0) && block.timestamp < bootstrapEndsAt;
    }

    /// @notice The pending request of `grantee` to `owner` (expiry 0 when there is none; it may have lapsed).
    /// @param owner The owner asked.
    /// @param grantee The grantee asking.
    /// @return The request's expiry and digest (see {requestDigest}).
    function pendingRequestOf(address owner, address grantee) external view returns (PendingRequest memory) {
        return _requests[connectionIdOf(owner, grantee)];
    }

    /// @notice The number and approval of `connector` (number 0 when it was never approved).
    /// @param connector The connector.
    /// @return The connector's record.
    function connectorOf(address connector) external view returns (ConnectorRecord memory) {
        return _connectors[connector];
    }

    /// @notice The id of the connection from `owner` to `grantee`, which every event about it carries (indexed).
    /// @param owner The owner.
    /// @param grantee The grantee.
    /// @return `uint256(keccak256(abi.encode(owner, grantee)))`.
    function connectionIdOf(address owner, address grantee) public pure returns (uint256) {
        return uint256(Hashes.efficientKeccak256(bytes32(uint256(uint160(owner))), bytes32(uint256(uint160(grantee)))));
    }

    /// @notice The digest a pending request is kept as.
    /// @param attributeIds The attributes asked for.
    /// @param purpose The purpose asked for.
    /// @param duration The duration asked for.
    /// @return The first 26 bytes of `keccak256(abi.encode(keccak256(abi.encodePacked(attributeIds)), purpose,
    /// duration))`.
    function requestDigest(
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint32 duration
    ) public pure returns (bytes26) {
        return bytes26(keccak256(abi.encode(keccak256(abi.encodePacked(attributeIds)), purpose, duration)));
    }

    /// @notice The EIP-712 digest the owner signs for `signed`.
    /// @param signed The grant.
    /// @return The digest.
    function grantDigest(SignedGrant calldata signed) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        GRANT_TYPEHASH,
                        signed.owner,
                        signed.grantee,
                        keccak256(abi.encodePacked(signed.attributeIds)),
                        signed.purpose,
                        signed.expiresAt,
                        signed.issuedAt,
                        signed.nonce,
                        signed.deadline
                    )
                )
            );
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    /// @dev The checks every consent passes when given. The checks that only the moment of reading can settle (a
    /// later suspension, departure or deprecation) are left to {isAuthorized}.
    function _checkConsent(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt
    ) private view {
        if (owner == grantee) revert AccessGrantsSelfGrant(owner);
        if (purpose == bytes32(0)) revert AccessGrantsEmptyPurpose();
        if (!membership.isActiveMember(owner)) revert AccessGrantsNotActiveMember(owner);
        _checkGrantee(grantee);
        uint256 latest = block.timestamp + networkRules.maxGrantDuration();
        if (expiresAt <= block.timestamp || expiresAt > latest) revert AccessGrantsInvalidExpiry(expiresAt, latest);
        PersonAttributes.check(taxonomy, attributeIds);
    }

    /// @dev Checks the owner's own consent and stores it in slot 0: one fresh word for up to 10 attributes.
    function _open(
        address owner,
        address grantee,
        uint16[] calldata attributeIds,
        bytes32 purpose,
        uint48 expiresAt,
        Consent consent
    ) private returns (uint256 connectionId) {
        _checkConsent(owner, grantee, attributeIds, purpose, expiresAt);
        connectionId = connectionIdOf(owner, grantee);
        bool wasOpen = _connections[connectionId].expiresAt() > block.timestamp;
        _connections[connectionId] = ConnectionLib.pack(expiresAt, block.timestamp, 0, attributeIds);
        if (attributeIds.length > ConnectionLib.MAX_INLINE_ATTRIBUTES) {
            _writeBitmap(_attributeBitmaps[connectionId], attributeIds);
        }
        if (wasOpen) {
            emit ConnectionChanged(
                owner,
                grantee,
                connectionId,
                attributeIds,
                purpose,
                expiresAt,
                consent,
                address(0),
                0
            );
        } else {
            emit ConnectionOpened(
                owner,
                grantee,
                connectionId,
                attributeIds,
                purpose,
                expiresAt,
                consent,
                address(0),
                0
            );
        }
    }

    /// @dev Clears every consent of the pair (at most eight words). A connector slot keeps only its connector's
    /// number, so that it stays held until that connector frees it.
    function _close(address owner, address grantee, CloseReason reason) private {
        uint256 connectionId = connectionIdOf(owner, grantee);
        bool any = false;
        if (_connections[connectionId].exists()) {
            _connections[connectionId] = ConnectionLib.none();
            emit ConnectionClosed(owner, grantee, connectionId, reason, msg.sender, 0);
            any = true;
        }
        uint256 mask = _occupiedSlots[connectionId];
        for (uint8 slot = 1; mask >> slot != 0; ++slot) {
            if ((mask >> slot) & 1 == 0) continue;
            Connection c = _connectorConsents[connectionId][slot];
            if (c.expiresAt() == 0) continue;
            _connectorConsents[connectionId][slot] = ConnectionLib.heldBy(c.connector());
            emit ConnectionClosed(owner, grantee, connectionId, reason, msg.sender, slot);
            any = true;
        }
        if (!any) revert AccessGrantsNoConnection(owner, grantee);
    }

    /// @dev A member grantee is checked first: it is the common case, and Membership is warm by then.
    function _checkGrantee(address grantee) private view {
        if (!membership.isActiveMember(grantee) && !applications.isLive(grantee)) {
            revert AccessGrantsInvalidGrantee(grantee);
        }
    }

    function _pendingRequest(
        address owner,
        address grantee,
        uint256 connectionId
    ) private view returns (PendingRequest memory request) {
        request = _requests[connectionId];
        if (request.expiresAt == 0) revert AccessGrantsNoRequest(owner, grantee);
    }

    /// @dev Writes both words, so that no bit of an earlier, wider consent survives.
    function _writeBitmap(uint256[2] storage target, uint16[] calldata attributeIds) private {
        uint256[2] memory bits;
        for (uint256 i = 0; i < attributeIds.length; ++i) {
            uint256 index = uint256(attributeIds[i]) - 1;
            bits[index >> 8] |= 1 << (index & 0xff);
        }
        target[0] = bits[0];
        target[1] = bits[1];
    }

    /// @dev When consent `c` was given if it is live and covers `attributeId`, else 0.
    function _coveringGrantedAt(
        Connection c,
        uint256[2] storage bitmap,
        uint16 attributeId
    ) private view returns (uint48) {
        if (c.expiresAt() <= block.timestamp) return 0;
        if (c.inlineCount() != 0) return c.inlineIncludes(attributeId) ? c.grantedAt() : 0;
        if (attributeId == 0 || attributeId > MAX_ATTRIBUTE_ID) return 0;
        uint256 index = uint256(attributeId) - 1;
        return (bitmap[index >> 8] >> (index & 0xff)) & 1 == 1 ? c.grantedAt() : 0;
    }

    function _info(Connection c, uint256[2] storage bitmap) private view returns (ConnectionInfo memory info) {
        if (c.expiresAt() == 0) return info;
        info.expiresAt = c.expiresAt();
        info.grantedAt = c.grantedAt();
        info.connector = _connectorById[c.connector()];
        info.attributeIds = _attributeIds(c, bitmap);
    }

    function _attributeIds(Connection c, uint256[2] storage bitmap) private pure returns (uint16[] memory ids) {
        uint256 n = c.inlineCount();
        if (n != 0) {
            ids = new uint16[](n);
            for (uint256 i = 0; i < n; ++i) ids[i] = c.inlineId(i);
            return ids;
        }
        uint256[2] memory bits = bitmap;
        uint256 count = 0;
        for (uint256 index = 0; index < MAX_ATTRIBUTE_ID; ++index) {
            if ((bits[index >> 8] >> (index & 0xff)) & 1 == 1) ++count;
        }
        ids = new uint16[](count);
        uint256 k = 0;
        for (uint256 index = 0; index < MAX_ATTRIBUTE_ID; ++index) {
            if ((bits[index >> 8] >> (index & 0xff)) & 1 == 1) ids[k++] = uint16(index + 1);
        }
    }
}
