// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAccessConnector} from "../access/IAccessConnector.sol";
import {Governed} from "../governance/Governed.sol";
import {VotingBounds} from "../governance/VotingBounds.sol";
import {IMembership} from "../membership/IMembership.sol";
import {Resources} from "../membership/Resources.sol";
import {INetworkRules} from "../rules/INetworkRules.sol";
import {NetworkRules} from "../rules/NetworkRules.sol";
import {ITaxonomy} from "../taxonomy/ITaxonomy.sol";

/// @title Market
/// @notice Supply and demand without a platform in the middle. A provider (an active member) lists an offer for
/// one of their resources once and maintains it in place; a consumer (an active member) books it directly, or
/// posts a request that providers answer with their offers and accepts one answer. Booking escrows the payment
/// (native ETH or an ERC-20) in this contract until the booking is settled: declined or cancelled (full refund),
/// completed by the consumer or claimed by the provider after the dispute window (payment minus the network fee),
/// or ruled on by a network leader who is neither party (any split). Settled amounts are credited and pulled with
/// {withdraw}; the network fee is credited to the treasury (the governance timelock).
///
/// Every dispute ends. The leaders who are neither party rule from its opening; when the leaders' ruling period
/// (a network rule, fixed at booking) has passed, the members' vote (the governance timelock) may rule too; and
/// once the members have had the longest time a vote can take ({MEMBERS_DECISION_TIME}) on top of that, anyone
/// may settle it by the default outcome the rules state: a full refund to the consumer ({settleExpiredDispute}).
/// So a dispute between the only leaders, or while no leader is active, still ends. "Party" means the booking's
/// two accounts: the market cannot tell that a leader also controls another member's account, so a leader
/// ruling for their own second account is not refused here; that is for the members, who may remove the leader
/// by vote (the ruling itself stands).
///
/// A booking may open the data connection the provider needs (e.g. the consumer's delivery address for the
/// delivery period): the offer declares it, the consumer consents in the booking transaction, and the market
/// closes that booking's own consent when the booking is settled (the consumer's own consents and other bookings'
/// stay as they are).
///
/// @dev Every event has the same indexed layout `(party, offerId, subject)` — the account that acted, the offer
/// concerned (0 where none) and the event's own record: the booking for offer and booking events (0 where none),
/// the request for the four request events — so that a portal or an auditor can rebuild the whole market from
/// events and filter any of them by account, offer, booking or request on the node (an event indexes at most
/// three arguments: a request's booking, known only once it is accepted, is in {RequestAccepted}'s data). Every operation is O(1) in the number of offers, requests and bookings; the only loop walks the
/// attribute ids of a data request, bounded by {MAX_DATA_ATTRIBUTES}.
contract Market is Governed, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The lifecycle of an offer. `Closed` is final.
    enum OfferStatus {
        None,
        Active,
        Paused,
        Closed
    }

    /// @notice The lifecycle of a request. An `Open` request whose deadline has passed is expired.
    enum RequestStatus {
        None,
        Open,
        Cancelled,
        Accepted
    }

    /// @notice The lifecycle of a booking. The last six are final (settled); `Defaulted` is a dispute nobody
    /// ruled on by its final deadline, settled by the default outcome (full refund).
    enum BookingStatus {
        None,
        Booked,
        Accepted,
        Delivered,
        Disputed,
        Completed,
        Claimed,
        Declined,
        Cancelled,
        Ruled,
        Defaulted
    }

    /// @notice What a provider states about an offer, on-chain: what is needed to match and settle it.
    /// @param classId The taxonomy class of what is offered (an active class of the Resource or Offer domain).
    /// @param token The payment token: `address(0)` for native ETH, otherwise an ERC-20 contract.
    /// @param unitPrice The price of one unit, in the token's smallest unit (0 for a free offer).
    /// @param capacity How many units may be booked in total (booked units included).
    /// @param validFrom From when the offer may be booked (0 or a past time: at once).
    /// @param validUntil Until when it may be booked (exclusive); 0 for no end.
    /// @param metadata The content hash of the off-chain offer document (attribute values, terms, pictures);
    /// kept in the events, not in storage.
    struct OfferTerms {
        uint16 classId;
        address token;
        uint128 unitPrice;
        uint64 capacity;
        uint48 validFrom;
        uint48 validUntil;
        bytes32 metadata;
    }

    /// @notice The data connection a booking of an offer opens from the consumer to the provider. An offer
    /// without one has no attribute ids, a zero purpose and a zero duration.
    /// @param attributeIds The consumer's attributes the provider may read (Person domain, strictly ascending).
    /// @param purpose What the provider uses them for (a short code or the hash of a purpose statement).
    /// @param duration How long the connection may last from booking, in seconds; the market closes it earlier
    /// when the booking is settled.
    struct DataRequest {
        uint16[] attributeIds;
        bytes32 purpose;
        uint32 duration;
    }

    /// @notice A listed offer: only what matching and settling need. The offer document's hash lives in the
    /// {OfferListed} and {OfferUpdated} events (the latest one for an offer id is its current document).
    /// @dev Slot 0: provider, status, classId, version, resourceId. Slot 1: token, validity (zero for an
    /// open-ended ETH offer). Slot 2: price and capacity. `dataRequest` is the hash of the offer's {DataRequest}
    /// (0 for none): the request itself is in the events, and the consumer repeats it when booking.
    struct Offer {
        address provider;
        OfferStatus status;
        uint16 classId;
        uint32 version;
        uint40 resourceId;
        address token;
        uint48 validFrom;
        uint48 validUntil;
        uint128 unitPrice;
        uint64 capacity;
        uint64 booked;
        bytes32 dataRequest;
    }

    /// @notice What a consumer states about a request.
    /// @param classId The taxonomy class of what is needed (same domains as offers).
    /// @param token The token the consumer pays in (`address(0)` for native ETH).
    /// @param quantity How many units are needed.
    /// @param maxUnitPrice The most the consumer pays per unit.
    /// @param deadline Until when answers may be given and accepted (exclusive).
    /// @param metadata The content hash of an off-chain description of the need (may be zero).
    struct RequestTerms {
        uint16 classId;
        address token;
        uint64 quantity;
        uint128 maxUnitPrice;
        uint48 deadline;
        bytes32 metadata;
    }

    /// @notice A posted request. Its description hash lives in the {RequestPosted} event only.
    struct Request {
        address consumer;
        RequestStatus status;
        uint16 classId;
        uint48 deadline;
        address token;
        uint64 quantity;
        uint128 maxUnitPrice;
    }

    /// @notice A booking: price, token, fee, dispute window and ruling period are fixed when it is made (the
    /// network rules in force then), so a later change of the rules never changes a booking already made.
    /// @dev Three slots, each written once at booking. The provider is the offer's (offers never change hands).
    /// `windowEnds` is set when the provider marks the booking delivered (the end of its dispute window) and, once
    /// a dispute opens, holds when it opened: the deadlines of the dispute count from there ({disputeDeadlines}).
    /// Slot 0: consumer, status, feeBps, consentSlot, windowEnds. Slot 1: token, offerId, disputeWindow.
    /// Slot 2: amount, quantity, rulingPeriod.
    struct Booking {
        address consumer;
        BookingStatus status;
        uint16 feeBps;
        // the booking's own consent slot in AccessGrants (0: the booking asked for no data)
        uint8 consentSlot;
        uint48 windowEnds;
        address token;
        uint64 offerId;
        uint32 disputeWindow;
        uint128 amount;
        uint64 quantity;
        uint32 rulingPeriod;
    }

    /// @notice The most consumer attributes one data request may name.
    uint256 public constant MAX_DATA_ATTRIBUTES = 32;
    /// @notice The time the members' vote has to rule on a dispute after the leaders' ruling period, in seconds:
    /// the longest a proposal can take from creation to execution (VotingBounds.MAX_DECISION_TIME), whatever the
    /// members later vote for the governor's and the timelock's delays.
    uint256 public constant MEMBERS_DECISION_TIME = VotingBounds.MAX_DECISION_TIME;
    uint256 private constant BPS = 10_000;

    IMembership public immutable membership;
    Resources public immutable resources;
    ITaxonomy public immutable taxonomy;
    INetworkRules public immutable networkRules;
    /// @notice The contract that keeps data connections (AccessGrants); the market is one of its connectors.
    IAccessConnector public immutable accessConnector;
    bytes32 private immutable _leaderRole;

    /// @notice The number of offers ever listed; also the highest offer id.
    uint256 public offerCount;
    /// @notice The number of requests ever posted; also the highest request id.
    uint256 public requestCount;
    /// @notice The number of bookings ever made; also the highest booking id.
    uint256 public bookingCount;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 requestId => mapping(uint256 offerId => bool)) private _answered;
    mapping(uint256 bookingId => Booking) private _bookings;
    mapping(address token => mapping(address account => uint256)) private _balances;

    // ---- Offers ----

    /// @notice `party` listed offer `offerId` for resource `resourceId`.
    event OfferListed(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        uint256 resourceId,
        OfferTerms terms,
        DataRequest dataRequest
    );
    /// @notice `party` replaced the terms of offer `offerId`; bookings must name `version` from now on.
    event OfferUpdated(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        uint32 version,
        OfferTerms terms,
        DataRequest dataRequest
    );
    /// @notice `party` paused offer `offerId`: it cannot be booked until resumed.
    event OfferPaused(address indexed party, uint256 indexed offerId, uint256 indexed bookingId);
    /// @notice `party` resumed offer `offerId`.
    event OfferResumed(address indexed party, uint256 indexed offerId, uint256 indexed bookingId);
    /// @notice `party` closed offer `offerId` for good; its open bookings run on.
    event OfferClosed(address indexed party, uint256 indexed offerId, uint256 indexed bookingId);

    // ---- Requests ----

    // The request events index the request where the others index the booking (see the contract's @dev).

    /// @notice `party` posted request `requestId` (`offerId` is 0: no offer answered it yet).
    event RequestPosted(address indexed party, uint256 indexed offerId, uint256 indexed requestId, RequestTerms terms);
    /// @notice `party` withdrew request `requestId` (`offerId` is 0).
    event RequestCancelled(address indexed party, uint256 indexed offerId, uint256 indexed requestId);
    /// @notice `party` answered request `requestId` with offer `offerId`.
    event RequestAnswered(address indexed party, uint256 indexed offerId, uint256 indexed requestId);
    /// @notice `party` accepted the answer `offerId` to request `requestId`, which made booking `bookingId` (its
    /// {BookingCreated} event, in the same transaction, indexes the booking).
    event RequestAccepted(address indexed party, uint256 indexed offerId, uint256 indexed requestId, uint256 bookingId);

    // ---- Bookings ----

    /// @notice `party` (the consumer) booked `quantity` units of offer `offerId` (at `version`) and escrowed
    /// `amount` of `token`; `feeBps` is the network fee on the payment. `connectionId` is the data connection the
    /// booking opened (0 for none).
    event BookingCreated(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        uint32 version,
        uint64 quantity,
        address token,
        uint256 amount,
        uint16 feeBps,
        uint256 connectionId
    );
    /// @notice `party` (the provider) accepted booking `bookingId`.
    event BookingAccepted(address indexed party, uint256 indexed offerId, uint256 indexed bookingId);
    /// @notice `party` (the provider) delivered booking `bookingId`; disputes are open until `windowEnds`, after
    /// which the provider may claim the payment.
    event BookingDelivered(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        uint48 windowEnds
    );
    /// @notice `party` (a party to the booking) opened a dispute, stated in the document `statement`. The leaders
    /// who are neither party rule until `finalDeadline`; the members' vote may rule from `membersFrom` until then;
    /// from `finalDeadline` anyone may settle it by the default outcome (full refund, {settleExpiredDispute}).
    event DisputeOpened(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        bytes32 statement,
        uint48 membersFrom,
        uint48 finalDeadline
    );
    /// @notice `party` (a network leader who is neither party, or the governance timelock for the members' vote)
    /// ruled on the dispute over booking `bookingId`, reasoned in `ruling`.
    event DisputeRuled(address indexed party, uint256 indexed offerId, uint256 indexed bookingId, bytes32 ruling);
    /// @notice Booking `bookingId` ended as `outcome`: `refund` was credited to the consumer, `payment` to the
    /// provider and `fee` to the treasury (together, the escrowed amount).
    event BookingSettled(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        BookingStatus outcome,
        uint256 refund,
        uint256 payment,
        uint256 fee
    );
    /// @notice `party` was paid its credited `amount` of `token`.
    event Withdrawn(
        address indexed party,
        uint256 indexed offerId,
        uint256 indexed bookingId,
        address token,
        uint256 amount
    );

    /// @notice `account` is not an active member.
    error MarketNotActiveMember(address account);
    /// @notice `caller` does not own resource `resourceId`.
    error MarketNotResourceOwner(uint256 resourceId, address caller);
    /// @notice Resource `resourceId` is switched off or its owner is not an active member.
    error MarketResourceUnavailable(uint256 resourceId);
    /// @notice `classId` is not an active class of the Resource or Offer domain.
    error MarketInvalidClass(uint16 classId);
    /// @notice An offer needs the content hash of its document.
    error MarketEmptyMetadata();
    /// @notice `token` is neither `address(0)` (native ETH) nor a contract.
    error MarketInvalidToken(address token);
    /// @notice `capacity` is zero or below the `booked` units.
    error MarketInvalidCapacity(uint64 capacity, uint64 booked);
    /// @notice The validity period ends before it begins or has already ended.
    error MarketInvalidValidity(uint48 validFrom, uint48 validUntil);
    /// @notice A data request needs a purpose and a duration up to the maximum grant duration, and only those
    /// when it names attributes; at most {MAX_DATA_ATTRIBUTES} of them.
    error MarketInvalidDataRequest();
    /// @notice `attributeId` is not an active Person attribute, or the ids are not strictly ascending.
    error MarketInvalidDataAttribute(uint16 attributeId);
    /// @notice No offer has id `offerId`.
    error MarketUnknownOffer(uint256 offerId);
    /// @notice `caller` is not `provider`, the provider of the offer or booking.
    error MarketNotProvider(address caller, address provider);
    /// @notice Offer `offerId` is `status`, which does not allow this.
    error MarketOfferStatus(uint256 offerId, OfferStatus status);
    /// @notice Offer `offerId` is outside its validity period.
    error MarketOfferNotValid(uint256 offerId);
    /// @notice Offer `offerId` is at version `current`, not the `expected` one the consumer saw.
    error MarketOfferChanged(uint256 offerId, uint32 expected, uint32 current);
    /// @notice A provider cannot book or answer with their own offer.
    error MarketOwnOffer(uint256 offerId);
    /// @notice A booking or request needs at least one unit.
    error MarketInvalidQuantity();
    /// @notice Offer `offerId` has `remaining` units, fewer than the `requested` ones.
    error MarketInsufficientCapacity(uint256 offerId, uint64 requested, uint64 remaining);
    /// @notice Price times quantity does not fit the escrow.
    error MarketAmountTooLarge();
    /// @notice The consumer's consent does not match offer `offerId`'s data request.
    error MarketConsentMismatch(uint256 offerId);
    /// @notice `sent` native ETH was sent where `expected` was due.
    error MarketWrongPayment(uint256 sent, uint256 expected);
    /// @notice `token` delivered `received` where `expected` was transferred.
    error MarketTokenShortfall(address token, uint256 expected, uint256 received);
    /// @notice No request has id `requestId`.
    error MarketUnknownRequest(uint256 requestId);
    /// @notice `caller` is not `consumer`, the consumer of the request or booking.
    error MarketNotConsumer(address caller, address consumer);
    /// @notice Request `requestId` is `status`, not open.
    error MarketRequestNotOpen(uint256 requestId, RequestStatus status);
    /// @notice Request `requestId` expired at `deadline`.
    error MarketRequestExpired(uint256 requestId, uint48 deadline);
    /// @notice A request's deadline must lie in the future.
    error MarketInvalidDeadline(uint48 deadline);
    /// @notice Offer `offerId` does not meet request `requestId` (class, token, price or capacity).
    error MarketOfferMismatch(uint256 requestId, uint256 offerId);
    /// @notice Offer `offerId` already answered request `requestId`.
    error MarketAlreadyAnswered(uint256 requestId, uint256 offerId);
    /// @notice Offer `offerId` did not answer request `requestId`.
    error MarketNotAnswered(uint256 requestId, uint256 offerId);
    /// @notice No booking has id `bookingId`.
    error MarketUnknownBooking(uint256 bookingId);
    /// @notice Booking `bookingId` is `status`, which does not allow this.
    error MarketBookingStatus(uint256 bookingId, BookingStatus status);
    /// @notice `caller` is neither the consumer nor the provider of booking `bookingId`.
    error MarketNotParty(uint256 bookingId, address caller);
    /// @notice The dispute window of booking `bookingId` closed at `windowEnds`.
    error MarketDisputeWindowClosed(uint256 bookingId, uint48 windowEnds);
    /// @notice The dispute window of booking `bookingId` is open until `windowEnds`.
    error MarketDisputeWindowOpen(uint256 bookingId, uint48 windowEnds);
    /// @notice `caller` is not an active network leader (nor the governance timelock).
    error MarketNotLeader(address caller);
    /// @notice The members' vote may rule on the dispute over booking `bookingId` only from `membersFrom`, when
    /// the leaders' ruling period has passed.
    error MarketMembersRuleFrom(uint256 bookingId, uint48 membersFrom);
    /// @notice Nobody may rule on the dispute over booking `bookingId` any more: its final deadline
    /// `finalDeadline` has passed, and anyone may settle it by the default outcome.
    error MarketRulingClosed(uint256 bookingId, uint48 finalDeadline);
    /// @notice The dispute over booking `bookingId` may be settled by the default outcome only from
    /// `finalDeadline`; until then the leaders (and, after their ruling period, the members' vote) rule.
    error MarketDisputeNotExpired(uint256 bookingId, uint48 finalDeadline);
    /// @notice `caller` is a party to booking `bookingId` and may not rule on it.
    error MarketPartyCannotRule(uint256 bookingId, address caller);
    /// @notice The `refund` exceeds the escrowed `amount`.
    error MarketRefundTooLarge(uint256 refund, uint256 amount);
    /// @notice `account` has no `token` to withdraw.
    error MarketNothingToWithdraw(address account, address token);

    /// @param governance_ The governance timelock: the treasury that receives the network fee.
    /// @param membership_ Members and roles (providers and consumers are active members; leaders rule).
    /// @param resources_ Members' resources (an offer is for one of the provider's resources).
    /// @param taxonomy_ The shared vocabulary (offer and request classes, data request attributes).
    /// @param networkRules_ The network rules (market fee, dispute window, leaders' ruling period, maximum grant
    /// duration).
    /// @param accessConnector_ The data connections (AccessGrants), which must approve this market as connector.
    constructor(
        address governance_,
        IMembership membership_,
        Resources resources_,
        ITaxonomy taxonomy_,
        INetworkRules networkRules_,
        IAccessConnector accessConnector_
    ) Governed(governance_) {
        membership = membership_;
        resources = resources_;
        taxonomy = taxonomy_;
        networkRules = networkRules_;
        accessConnector = accessConnector_;
        _leaderRole = membership_.LEADER_ROLE();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Offers
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Lists an offer for the caller's resource `resourceId`; it is bookable at once (within its
    /// validity period). The caller must be an active member and the resource available (switched on, and
    /// registered in the caller's current membership).
    /// @param resourceId One of the caller's resources.
    /// @param terms Class, token, unit price, capacity, validity and document hash.
    /// @param dataRequest The consumer data a booking gives the provider access to (empty for none).
    /// @return offerId The new offer's id.
    function listOffer(
        uint256 resourceId,
        OfferTerms calldata terms,
        DataRequest calldata dataRequest
    ) external returns (uint256 offerId) {
        _requireActiveMember(msg.sender);
        if (resources.resource(resourceId).owner != msg.sender) revert MarketNotResourceOwner(resourceId, msg.sender);
        // switched on, and registered in the provider's current membership
        if (!resources.isAvailable(resourceId)) revert MarketResourceUnavailable(resourceId);
        _validateTerms(terms, 0);
        bytes32 dataRequestHash = _validateDataRequest(dataRequest);

        offerId = ++offerCount;
        Offer storage o = _offers[offerId];
        o.provider = msg.sender;
        o.status = OfferStatus.Active;
        // Resource ids count from 1 and exist (checked above), so they fit 40 bits for any real network.
        o.resourceId = uint40(resourceId);
        _writeTerms(o, terms, dataRequestHash);
        emit OfferListed(msg.sender, offerId, 0, resourceId, terms, dataRequest);
    }

    /// @notice Replaces the terms of the caller's offer `offerId` in place and bumps its version; bookings
    /// already made keep their price and token. The offer keeps its status (active or paused); a closed offer
    /// cannot be updated. The capacity may not drop below the units already booked.
    /// @param offerId The offer.
    /// @param terms The new terms.
    /// @param dataRequest The new data request (empty for none).
    function updateOffer(uint256 offerId, OfferTerms calldata terms, DataRequest calldata dataRequest) external {
        Offer storage o = _ownOffer(offerId);
        _requireActiveMember(msg.sender);
        if (o.status == OfferStatus.Closed) revert MarketOfferStatus(offerId, OfferStatus.Closed);
        _validateTerms(terms, o.booked);
        bytes32 dataRequestHash = _validateDataRequest(dataRequest);
        uint32 version = o.version + 1;
        o.version = version;
        _writeTerms(o, terms, dataRequestHash);
        emit OfferUpdated(msg.sender, offerId, 0, version, terms, dataRequest);
    }

    /// @notice Pauses the caller's active offer `offerId`: no new bookings or answers until it is resumed.
    /// @param offerId The offer.
    function pauseOffer(uint256 offerId) external {
        Offer storage o = _ownOffer(offerId);
        if (o.status != OfferStatus.Active) revert MarketOfferStatus(offerId, o.status);
        o.status = OfferStatus.Paused;
        emit OfferPaused(msg.sender, offerId, 0);
    }

    /// @notice Resumes the caller's paused offer `offerId`. The caller must be an active member and the resource
    /// switched on.
    /// @param offerId The offer.
    function resumeOffer(uint256 offerId) external {
        Offer storage o = _ownOffer(offerId);
        if (o.status != OfferStatus.Paused) revert MarketOfferStatus(offerId, o.status);
        if (!resources.isAvailable(o.resourceId)) revert MarketResourceUnavailable(o.resourceId);
        o.status = OfferStatus.Active;
        emit OfferResumed(msg.sender, offerId, 0);
    }

    /// @notice Closes the caller's offer `offerId` for good. Bookings already made run on.
    /// @param offerId The offer (active or paused).
    function closeOffer(uint256 offerId) external {
        Offer storage o = _ownOffer(offerId);
        if (o.status == OfferStatus.Closed) revert MarketOfferStatus(offerId, OfferStatus.Closed);
        o.status = OfferStatus.Closed;
        emit OfferClosed(msg.sender, offerId, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Posts a request: what the caller (an active member) needs, at what price, until when.
    /// @param terms Class, token, quantity, maximum unit price, deadline and description hash.
    /// @return requestId The new request's id.
    function postRequest(RequestTerms calldata terms) external returns (uint256 requestId) {
        _requireActiveMember(msg.sender);
        _requireClass(terms.classId);
        _requireToken(terms.token);
        if (terms.quantity == 0) revert MarketInvalidQuantity();
        if (terms.deadline <= block.timestamp) revert MarketInvalidDeadline(terms.deadline);
        requestId = ++requestCount;
        _requests[requestId] = Request({
            consumer: msg.sender,
            status: RequestStatus.Open,
            classId: terms.classId,
            deadline: terms.deadline,
            token: terms.token,
            quantity: terms.quantity,
            maxUnitPrice: terms.maxUnitPrice
        });
        emit RequestPosted(msg.sender, 0, requestId, terms);
    }

    /// @notice Withdraws the caller's open (or expired) request `requestId`.
    /// @param requestId The request.
    function cancelRequest(uint256 requestId) external {
        Request storage r = _existingRequest(requestId);
        if (r.consumer != msg.sender) revert MarketNotConsumer(msg.sender, r.consumer);
        if (r.status != RequestStatus.Open) revert MarketRequestNotOpen(requestId, r.status);
        r.status = RequestStatus.Cancelled;
        emit RequestCancelled(msg.sender, 0, requestId);
    }

    /// @notice Answers the open request `requestId` with the caller's offer `offerId`, which must be bookable
    /// and meet the request: same class and token, unit price at most the maximum, enough capacity left.
    /// @param requestId The request.
    /// @param offerId One of the caller's offers.
    function answerRequest(uint256 requestId, uint256 offerId) external {
        Request storage r = _openRequest(requestId);
        Offer storage o = _ownOffer(offerId);
        if (r.consumer == msg.sender) revert MarketOwnOffer(offerId);
        _requireBookable(offerId, o);
        if (
            o.classId != r.classId ||
            o.token != r.token ||
            o.unitPrice > r.maxUnitPrice ||
            o.capacity - o.booked < r.quantity
        ) revert MarketOfferMismatch(requestId, offerId);
        if (_answered[requestId][offerId]) revert MarketAlreadyAnswered(requestId, offerId);
        _answered[requestId][offerId] = true;
        emit RequestAnswered(msg.sender, offerId, requestId);
    }

    /// @notice Accepts the answer `offerId` to the caller's open request `requestId`: books the request's
    /// quantity of the offer at its current price, which must still meet the request. Pay as with {book}.
    /// @param requestId The caller's request.
    /// @param offerId An offer that answered it.
    /// @param version The offer version the caller accepts.
    /// @param consent The offer's data request, repeated as the caller's consent (empty if it has none).
    /// @return bookingId The new booking's id.
    function acceptAnswer(
        uint256 requestId,
        uint256 offerId,
        uint32 version,
        DataRequest calldata consent
    ) external payable nonReentrant returns (uint256 bookingId) {
        Request storage r = _openRequest(requestId);
        if (r.consumer != msg.sender) revert MarketNotConsumer(msg.sender, r.consumer);
        if (!_answered[requestId][offerId]) revert MarketNotAnswered(requestId, offerId);
        Offer storage o = _offers[offerId];
        // The offer may have changed since it answered: it must still meet the request.
        if (o.classId != r.classId || o.token != r.token || o.unitPrice > r.maxUnitPrice) {
            revert MarketOfferMismatch(requestId, offerId);
        }
        r.status = RequestStatus.Accepted;
        bookingId = _book(offerId, o, version, r.quantity, consent);
        emit RequestAccepted(msg.sender, offerId, requestId, bookingId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bookings
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Books `quantity` units of offer `offerId` and escrows the price: send it as `msg.value` for a
    /// native ETH offer, or approve this contract for the ERC-20 amount beforehand. The caller must be an
    /// active member other than the provider. If the offer has a data request, the booking opens that data
    /// connection from the caller to the provider (the caller's consent is this transaction and `consent`).
    /// @param offerId The offer.
    /// @param version The offer version the caller saw (the booking fails if the offer changed since).
    /// @param quantity How many units.
    /// @param consent The offer's data request, repeated as the caller's consent (empty if it has none).
    /// @return bookingId The new booking's id.
    function book(
        uint256 offerId,
        uint32 version,
        uint64 quantity,
        DataRequest calldata consent
    ) external payable nonReentrant returns (uint256 bookingId) {
        Offer storage o = _offers[offerId];
        bookingId = _book(offerId, o, version, quantity, consent);
    }

    /// @notice Accepts booking `bookingId` of the caller's offer: the caller commits to deliver.
    /// @param bookingId A booking awaiting the provider's answer.
    function acceptBooking(uint256 bookingId) external {
        (Booking storage b, uint256 offerId, ) = _asProvider(bookingId, BookingStatus.Booked);
        _requireActiveMember(msg.sender);
        b.status = BookingStatus.Accepted;
        emit BookingAccepted(msg.sender, offerId, bookingId);
    }

    /// @notice Declines booking `bookingId` of the caller's offer: the consumer is refunded in full and the
    /// units return to the offer.
    /// @param bookingId A booking awaiting the provider's answer.
    function declineBooking(uint256 bookingId) external nonReentrant {
        (Booking storage b, uint256 offerId, address provider) = _asProvider(bookingId, BookingStatus.Booked);
        _settle(bookingId, b, offerId, provider, BookingStatus.Declined, b.amount);
    }

    /// @notice Cancels the caller's booking `bookingId` before the provider accepted it (for instance when the
    /// provider does not answer): full refund, and the units return to the offer.
    /// @param bookingId The caller's booking, awaiting the provider's answer.
    function cancelBooking(uint256 bookingId) external nonReentrant {
        (Booking storage b, uint256 offerId, address provider) = _asConsumer(bookingId);
        if (b.status != BookingStatus.Booked) revert MarketBookingStatus(bookingId, b.status);
        _settle(bookingId, b, offerId, provider, BookingStatus.Cancelled, b.amount);
    }

    /// @notice Marks the caller's accepted booking `bookingId` delivered. This starts the dispute window (the
    /// network rule in force when the booking was made): the consumer completes or disputes within it, or the
    /// provider may claim.
    /// @param bookingId An accepted booking of the caller's offer.
    function markDelivered(uint256 bookingId) external {
        (Booking storage b, uint256 offerId, ) = _asProvider(bookingId, BookingStatus.Accepted);
        uint48 windowEnds = uint48(block.timestamp + b.disputeWindow);
        b.status = BookingStatus.Delivered;
        b.windowEnds = windowEnds;
        emit BookingDelivered(msg.sender, offerId, bookingId, windowEnds);
    }

    /// @notice Completes the caller's booking `bookingId` (accepted or delivered, not disputed): releases the
    /// payment to the provider, minus the network fee fixed at booking.
    /// @param bookingId The caller's booking.
    function completeBooking(uint256 bookingId) external nonReentrant {
        (Booking storage b, uint256 offerId, address provider) = _asConsumer(bookingId);
        if (b.status != BookingStatus.Accepted && b.status != BookingStatus.Delivered) {
            revert MarketBookingStatus(bookingId, b.status);
        }
        _settle(bookingId, b, offerId, provider, BookingStatus.Completed, 0);
    }

    /// @notice Claims the payment for the caller's delivered booking `bookingId` once its dispute window has
    /// passed without the consumer completing or disputing it.
    /// @param bookingId A delivered booking of the caller's offer.
    function claimPayment(uint256 bookingId) external nonReentrant {
        (Booking storage b, uint256 offerId, address provider) = _asProvider(bookingId, BookingStatus.Delivered);
        if (block.timestamp < b.windowEnds) revert MarketDisputeWindowOpen(bookingId, b.windowEnds);
        _settle(bookingId, b, offerId, provider, BookingStatus.Claimed, 0);
    }

    /// @notice Opens a dispute over booking `bookingId`, as its consumer or provider: while it is accepted, or
    /// delivered and within the dispute window. The escrow then waits for a ruling: by a network leader who is
    /// neither party (until the final deadline), by the members' vote once the leaders' ruling period has passed,
    /// or, from the final deadline, by the default outcome ({settleExpiredDispute}); see {disputeDeadlines}.
    /// @param bookingId The booking.
    /// @param statement The content hash of the caller's off-chain statement.
    function openDispute(uint256 bookingId, bytes32 statement) external {
        Booking storage b = _existingBooking(bookingId);
        uint256 offerId = b.offerId;
        if (msg.sender != b.consumer && msg.sender != _offers[offerId].provider) {
            revert MarketNotParty(bookingId, msg.sender);
        }
        if (b.status == BookingStatus.Delivered) {
            if (block.timestamp >= b.windowEnds) revert MarketDisputeWindowClosed(bookingId, b.windowEnds);
        } else if (b.status != BookingStatus.Accepted) {
            revert MarketBookingStatus(bookingId, b.status);
        }
        // One write: from now on windowEnds holds when the dispute opened.
        b.status = BookingStatus.Disputed;
        b.windowEnds = uint48(block.timestamp);
        (uint48 membersFrom, uint48 finalDeadline) = _deadlines(b);
        emit DisputeOpened(msg.sender, offerId, bookingId, statement, membersFrom, finalDeadline);
    }

    /// @notice Rules on the dispute over booking `bookingId`: `refund` goes back to the consumer, the rest is the
    /// provider's payment (minus the network fee on it). An active network leader who is neither party may rule
    /// until the final deadline; the governance timelock (a members' vote) from the end of the leaders' ruling
    /// period until the final deadline.
    /// @dev "Party" is the booking's consumer or provider account: a leader's second account is not detected
    /// (see the contract's notice). The members' vote rules through a proposal that calls this function.
    /// @param bookingId A disputed booking.
    /// @param refund The consumer's share of the escrow, from 0 to all of it.
    /// @param ruling The content hash of the reasoned ruling.
    function ruleDispute(uint256 bookingId, uint256 refund, bytes32 ruling) external nonReentrant {
        bool byMembers = msg.sender == governance;
        if (!byMembers && !membership.hasActiveRole(_leaderRole, msg.sender)) revert MarketNotLeader(msg.sender);
        Booking storage b = _existingBooking(bookingId);
        uint256 offerId = b.offerId;
        address provider = _offers[offerId].provider;
        if (msg.sender == b.consumer || msg.sender == provider) revert MarketPartyCannotRule(bookingId, msg.sender);
        if (b.status != BookingStatus.Disputed) revert MarketBookingStatus(bookingId, b.status);
        (uint48 membersFrom, uint48 finalDeadline) = _deadlines(b);
        if (block.timestamp >= finalDeadline) revert MarketRulingClosed(bookingId, finalDeadline);
        if (byMembers && block.timestamp < membersFrom) revert MarketMembersRuleFrom(bookingId, membersFrom);
        if (refund > b.amount) revert MarketRefundTooLarge(refund, b.amount);
        emit DisputeRuled(msg.sender, offerId, bookingId, ruling);
        _settle(bookingId, b, offerId, provider, BookingStatus.Ruled, refund);
    }

    /// @notice Settles the dispute over booking `bookingId` by the default outcome the network rules state, once
    /// its final deadline has passed without a ruling: the consumer is refunded in full and the units return to
    /// the offer. Anyone may call it, so a dispute ends even when no leader may or will rule and the members do
    /// not vote.
    /// @param bookingId A disputed booking past its final deadline.
    function settleExpiredDispute(uint256 bookingId) external nonReentrant {
        Booking storage b = _existingBooking(bookingId);
        if (b.status != BookingStatus.Disputed) revert MarketBookingStatus(bookingId, b.status);
        (, uint48 finalDeadline) = _deadlines(b);
        if (block.timestamp < finalDeadline) revert MarketDisputeNotExpired(bookingId, finalDeadline);
        uint256 offerId = b.offerId;
        _settle(bookingId, b, offerId, _offers[offerId].provider, BookingStatus.Defaulted, b.amount);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Withdrawals
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Pays the caller everything credited to them in `token` (refunds and payments).
    /// @param token The token (`address(0)` for native ETH).
    /// @return amount What was paid.
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        amount = _payOut(token, msg.sender);
    }

    /// @notice Pays the network fees collected in `token` to the treasury (the governance timelock). Anyone may
    /// call it; the money can only go to the treasury.
    /// @param token The token (`address(0)` for native ETH).
    /// @return amount What was paid.
    function withdrawFees(address token) external nonReentrant returns (uint256 amount) {
        amount = _payOut(token, governance);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Offer `offerId` as it is now.
    /// @param offerId The offer.
    /// @return The offer (reverts with {MarketUnknownOffer} when it does not exist).
    function offer(uint256 offerId) external view returns (Offer memory) {
        return _existingOffer(offerId);
    }

    /// @notice How many more units of offer `offerId` may be booked.
    /// @param offerId The offer.
    /// @return The capacity not yet booked.
    function remainingCapacity(uint256 offerId) external view returns (uint64) {
        Offer storage o = _existingOffer(offerId);
        return o.capacity - o.booked;
    }

    /// @notice Whether offer `offerId` can be booked now: active, within its validity period, with capacity
    /// left, its resource switched on and its provider an active member.
    /// @param offerId The offer.
    /// @return Whether a booking of one unit would be accepted (given the right version, payment and consent).
    function isBookable(uint256 offerId) external view returns (bool) {
        Offer storage o = _offers[offerId];
        return
            o.status == OfferStatus.Active &&
            _withinValidity(o) &&
            o.booked < o.capacity &&
            resources.isAvailable(o.resourceId);
    }

    /// @notice Request `requestId`.
    /// @param requestId The request.
    /// @return The request (reverts with {MarketUnknownRequest} when it does not exist).
    function request(uint256 requestId) external view returns (Request memory) {
        return _existingRequest(requestId);
    }

    /// @notice Whether request `requestId` is open and before its deadline.
    /// @param requestId The request.
    /// @return Whether it may still be answered and accepted.
    function isRequestOpen(uint256 requestId) external view returns (bool) {
        Request storage r = _requests[requestId];
        return r.status == RequestStatus.Open && block.timestamp < r.deadline;
    }

    /// @notice Whether offer `offerId` answered request `requestId`.
    /// @param requestId The request.
    /// @param offerId The offer.
    /// @return Whether the consumer may accept it.
    function hasAnswered(uint256 requestId, uint256 offerId) external view returns (bool) {
        return _answered[requestId][offerId];
    }

    /// @notice Booking `bookingId`.
    /// @param bookingId The booking.
    /// @return The booking (reverts with {MarketUnknownBooking} when it does not exist).
    function booking(uint256 bookingId) external view returns (Booking memory) {
        return _existingBooking(bookingId);
    }

    /// @notice What `account` may withdraw in `token`.
    /// @param account The account (the treasury's fees are credited to {governance}).
    /// @param token The token (`address(0)` for native ETH).
    /// @return The credited amount.
    function balanceOf(address account, address token) external view returns (uint256) {
        return _balances[token][account];
    }

    /// @notice The hash an offer stores for `dataRequest` (0 for an empty one).
    /// @param dataRequest A data request.
    /// @return The hash a consent must match.
    function hashDataRequest(DataRequest calldata dataRequest) public pure returns (bytes32) {
        if (dataRequest.attributeIds.length == 0) return bytes32(0);
        return keccak256(abi.encode(dataRequest.attributeIds, dataRequest.purpose, dataRequest.duration));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _book(
        uint256 offerId,
        Offer storage o,
        uint32 version,
        uint64 quantity,
        DataRequest calldata consent
    ) private returns (uint256 bookingId) {
        address provider = o.provider;
        if (provider == address(0)) revert MarketUnknownOffer(offerId);
        if (provider == msg.sender) revert MarketOwnOffer(offerId);
        _requireActiveMember(msg.sender);
        _requireBookable(offerId, o);
        if (o.version != version) revert MarketOfferChanged(offerId, version, o.version);
        if (hashDataRequest(consent) != o.dataRequest) revert MarketConsentMismatch(offerId);
        Booking storage b;
        (bookingId, b) = _record(offerId, o, quantity);
        _collect(b.token, b.amount);
        uint256 connectionId;
        if (consent.attributeIds.length != 0) {
            uint8 slot;
            (connectionId, slot) = accessConnector.openByConnector(
                msg.sender,
                provider,
                consent.attributeIds,
                consent.purpose,
                uint48(block.timestamp + consent.duration)
            );
            // the booking's own consent, beside the consumer's own and other bookings' (closed at settlement)
            b.consentSlot = slot;
        }
        emit BookingCreated(
            msg.sender,
            offerId,
            bookingId,
            version,
            quantity,
            b.token,
            b.amount,
            b.feeBps,
            connectionId
        );
    }

    /// @dev Takes `quantity` units of offer `o` and stores the booking at the offer's current price and token and
    /// the network fee, dispute window and ruling period in force.
    function _record(
        uint256 offerId,
        Offer storage o,
        uint64 quantity
    ) private returns (uint256 bookingId, Booking storage b) {
        if (quantity == 0) revert MarketInvalidQuantity();
        uint64 booked = o.booked;
        uint64 remaining = o.capacity - booked;
        if (quantity > remaining) revert MarketInsufficientCapacity(offerId, quantity, remaining);
        uint256 amount = uint256(o.unitPrice) * quantity;
        if (amount > type(uint128).max) revert MarketAmountTooLarge();
        o.booked = booked + quantity;
        bookingId = ++bookingCount;
        b = _bookings[bookingId];
        // The rules in force now, in one call (the network's NetworkRules, whose `rules` view returns them all
        // from one slot); one write per slot.
        NetworkRules.RuleValues memory rules = NetworkRules(address(networkRules)).rules();
        _bookings[bookingId] = Booking({
            consumer: msg.sender,
            status: BookingStatus.Booked,
            feeBps: rules.marketFeeBps,
            consentSlot: 0,
            windowEnds: 0,
            token: o.token,
            offerId: uint64(offerId),
            disputeWindow: rules.disputeWindow,
            amount: uint128(amount),
            quantity: quantity,
            rulingPeriod: rules.disputeRulingPeriod
        });
    }

    /// @dev Ends booking `bookingId` as `outcome`: credits `refund` to the consumer and the rest, minus the fee
    /// fixed at booking, to the provider; returns the units to the offer when everything was refunded; closes
    /// the booking's own data consent (never the consumer's own or another booking's).
    function _settle(
        uint256 bookingId,
        Booking storage b,
        uint256 offerId,
        address provider,
        BookingStatus outcome,
        uint256 refund
    ) private {
        address consumer = b.consumer;
        address token = b.token;
        uint256 amount = b.amount;
        uint256 fee = ((amount - refund) * b.feeBps) / BPS;
        uint256 payment = amount - refund - fee;
        b.status = outcome;
        if (refund != 0) _balances[token][consumer] += refund;
        if (payment != 0) _balances[token][provider] += payment;
        if (fee != 0) _balances[token][governance] += fee;
        // Units return to the offer when the consumer got everything back (not for a free booking paid out).
        if (refund == amount && outcome != BookingStatus.Completed && outcome != BookingStatus.Claimed) {
            _offers[offerId].booked -= b.quantity;
        }
        emit BookingSettled(msg.sender, offerId, bookingId, outcome, refund, payment, fee);
        uint8 slot = b.consentSlot;
        if (slot != 0) accessConnector.closeByConnector(consumer, provider, slot);
    }

    /// @dev When the members' vote may rule on disputed booking `b` and its final deadline. Summed in uint256:
    /// a 48-bit time plus at most 90 days (the longest ruling period) plus 35 days fits 48 bits for any real time.
    function _deadlines(Booking storage b) private view returns (uint48 membersFrom, uint48 finalDeadline) {
        uint256 from = uint256(b.windowEnds) + b.rulingPeriod;
        membersFrom = uint48(from);
        finalDeadline = uint48(from + MEMBERS_DECISION_TIME);
    }

    function _collect(address token, uint256 amount) private {
        if (token == address(0)) {
            if (msg.value != amount) revert MarketWrongPayment(msg.value, amount);
            return;
        }
        if (msg.value != 0) revert MarketWrongPayment(msg.value, 0);
        if (amount == 0) return;
        IERC20 erc20 = IERC20(token);
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = erc20.balanceOf(address(this)) - before;
        if (received != amount) revert MarketTokenShortfall(token, amount, received);
    }

    function _payOut(address token, address account) private returns (uint256 amount) {
        amount = _balances[token][account];
        if (amount == 0) revert MarketNothingToWithdraw(account, token);
        delete _balances[token][account];
        emit Withdrawn(account, 0, 0, token, amount);
        if (token == address(0)) {
            Address.sendValue(payable(account), amount);
        } else {
            IERC20(token).safeTransfer(account, amount);
        }
    }

    function _writeTerms(Offer storage o, OfferTerms calldata terms, bytes32 dataRequestHash) private {
        o.classId = terms.classId;
        o.token = terms.token;
        o.validFrom = terms.validFrom;
        o.validUntil = terms.validUntil;
        o.unitPrice = terms.unitPrice;
        o.capacity = terms.capacity;
        o.dataRequest = dataRequestHash;
    }

    function _validateTerms(OfferTerms calldata terms, uint64 booked) private view {
        if (terms.metadata == bytes32(0)) revert MarketEmptyMetadata();
        _requireClass(terms.classId);
        _requireToken(terms.token);
        if (terms.capacity == 0 || terms.capacity < booked) revert MarketInvalidCapacity(terms.capacity, booked);
        if (terms.validUntil != 0 && (terms.validUntil <= terms.validFrom || terms.validUntil <= block.timestamp)) {
            revert MarketInvalidValidity(terms.validFrom, terms.validUntil);
        }
    }

    function _validateDataRequest(DataRequest calldata dataRequest) private view returns (bytes32) {
        uint256 count = dataRequest.attributeIds.length;
        if (count == 0) {
            if (dataRequest.purpose != bytes32(0) || dataRequest.duration != 0) revert MarketInvalidDataRequest();
            return bytes32(0);
        }
        if (
            count > MAX_DATA_ATTRIBUTES ||
            dataRequest.purpose == bytes32(0) ||
            dataRequest.duration == 0 ||
            dataRequest.duration > networkRules.maxGrantDuration()
        ) revert MarketInvalidDataRequest();
        uint16 previous = 0;
        for (uint256 i = 0; i < count; ++i) {
            uint16 id = dataRequest.attributeIds[i];
            if (id <= previous || !taxonomy.isActive(id, ITaxonomy.Domain.Person)) {
                revert MarketInvalidDataAttribute(id);
            }
            previous = id;
        }
        return hashDataRequest(dataRequest);
    }

    function _requireBookable(uint256 offerId, Offer storage o) private view {
        if (o.status != OfferStatus.Active) revert MarketOfferStatus(offerId, o.status);
        if (!_withinValidity(o)) revert MarketOfferNotValid(offerId);
        if (!resources.isAvailable(o.resourceId)) revert MarketResourceUnavailable(o.resourceId);
    }

    function _withinValidity(Offer storage o) private view returns (bool) {
        uint48 validUntil = o.validUntil;
        return o.validFrom <= block.timestamp && (validUntil == 0 || block.timestamp < validUntil);
    }

    function _requireClass(uint16 classId) private view {
        if (
            !taxonomy.isActiveClass(classId, ITaxonomy.Domain.Resource) &&
            !taxonomy.isActiveClass(classId, ITaxonomy.Domain.Offer)
        ) revert MarketInvalidClass(classId);
    }

    function _requireToken(address token) private view {
        if (token != address(0) && token.code.length == 0) revert MarketInvalidToken(token);
    }

    function _requireActiveMember(address account) private view {
        if (!membership.isActiveMember(account)) revert MarketNotActiveMember(account);
    }

    function _existingOffer(uint256 offerId) private view returns (Offer storage o) {
        o = _offers[offerId];
        if (o.provider == address(0)) revert MarketUnknownOffer(offerId);
    }

    function _ownOffer(uint256 offerId) private view returns (Offer storage o) {
        o = _existingOffer(offerId);
        if (o.provider != msg.sender) revert MarketNotProvider(msg.sender, o.provider);
    }

    function _existingRequest(uint256 requestId) private view returns (Request storage r) {
        r = _requests[requestId];
        if (r.consumer == address(0)) revert MarketUnknownRequest(requestId);
    }

    function _openRequest(uint256 requestId) private view returns (Request storage r) {
        r = _existingRequest(requestId);
        if (r.status != RequestStatus.Open) revert MarketRequestNotOpen(requestId, r.status);
        if (block.timestamp >= r.deadline) revert MarketRequestExpired(requestId, r.deadline);
    }

    function _existingBooking(uint256 bookingId) private view returns (Booking storage b) {
        b = _bookings[bookingId];
        if (b.consumer == address(0)) revert MarketUnknownBooking(bookingId);
    }

    function _asProvider(
        uint256 bookingId,
        BookingStatus expected
    ) private view returns (Booking storage b, uint256 offerId, address provider) {
        b = _existingBooking(bookingId);
        offerId = b.offerId;
        provider = _offers[offerId].provider;
        if (msg.sender != provider) revert MarketNotProvider(msg.sender, provider);
        if (b.status != expected) revert MarketBookingStatus(bookingId, b.status);
    }

    function _asConsumer(
        uint256 bookingId
    ) private view returns (Booking storage b, uint256 offerId, address provider) {
        b = _existingBooking(bookingId);
        if (msg.sender != b.consumer) revert MarketNotConsumer(msg.sender, b.consumer);
        offerId = b.offerId;
        provider = _offers[offerId].provider;
    }
}
