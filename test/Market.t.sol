// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AccessGrants} from "../contracts/access/AccessGrants.sol";
import {Applications} from "../contracts/access/Applications.sol";
import {Market} from "../contracts/market/Market.sol";
import {Membership} from "../contracts/membership/Membership.sol";
import {Resources} from "../contracts/membership/Resources.sol";
import {INetworkRules} from "../contracts/rules/INetworkRules.sol";
import {NetworkRules} from "../contracts/rules/NetworkRules.sol";
import {ITaxonomy} from "../contracts/taxonomy/ITaxonomy.sol";
import {Taxonomy} from "../contracts/taxonomy/Taxonomy.sol";
import {TestToken} from "../contracts/test/TestToken.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

// The test runner finds fuzz and invariant tests by their `testFuzz_` and `invariant_` prefixes.
// solhint-disable func-name-mixedcase

/// @notice The market on the real contracts (rules, taxonomy, membership, resources, applications and
/// AccessGrants, which approves the market as its connector), deployed directly.
abstract contract MarketWorld is WeconetTest {
    address internal constant TREASURY = address(0x7EA5); // the governance timelock
    address internal constant MANAGER = address(0xA001);
    address internal constant LEADER = address(0xA002); // a leader who is never a party
    address internal constant P1 = address(0xB001); // provider
    address internal constant P2 = address(0xB002); // provider and leader
    address internal constant C1 = address(0xC001); // consumer
    address internal constant C2 = address(0xC002); // consumer and leader
    address internal constant OUTSIDER = address(0xD001); // not a member

    uint16 internal constant COURIER = 1;
    uint16 internal constant DESK = 2;
    uint16 internal constant DELIVERY_ADDRESS = 3;
    bytes32 internal constant PURPOSE = "delivery";
    uint32 internal constant DATA_DURATION = 1 days;
    uint16 internal constant FEE_BPS = 150;
    uint32 internal constant DISPUTE_WINDOW = 3 days;

    NetworkRules internal rules;
    Taxonomy internal taxonomy;
    Membership internal membership;
    Resources internal resources;
    AccessGrants internal accessGrants;
    Market internal market;
    TestToken internal token;

    mapping(address provider => uint256) internal resourceOf;

    function _deployWorld() internal {
        rules = new NetworkRules(
            TREASURY,
            NetworkRules.RuleValues({
                admissionPolicy: INetworkRules.AdmissionPolicy.Open,
                marketFeeBps: FEE_BPS,
                maxGrantDuration: 30 days,
                disputeWindow: DISPUTE_WINDOW,
                accessRequestLifetime: 7 days,
                probationPeriod: 35 days,
                admissionsPerLeader: 100,
                disputeRulingPeriod: 14 days
            })
        );
        Taxonomy.AttributeInput[] memory vocabulary = new Taxonomy.AttributeInput[](3);
        vocabulary[0] = Taxonomy.AttributeInput(
            "courier_service",
            ITaxonomy.Domain.Resource,
            ITaxonomy.DataType.Class,
            0
        );
        vocabulary[1] = Taxonomy.AttributeInput("desk", ITaxonomy.Domain.Resource, ITaxonomy.DataType.Class, 0);
        vocabulary[2] = Taxonomy.AttributeInput(
            "delivery_address",
            ITaxonomy.Domain.Person,
            ITaxonomy.DataType.PostalAddress,
            0
        );
        taxonomy = new Taxonomy(TREASURY, vocabulary);

        bytes32 leaderRole = keccak256("LEADER_ROLE");
        Membership.Founder[] memory founders = new Membership.Founder[](6);
        founders[0] = Membership.Founder(MANAGER, keccak256("manager"), keccak256("MANAGER_ROLE"));
        founders[1] = Membership.Founder(LEADER, keccak256("leader"), leaderRole);
        founders[2] = Membership.Founder(P1, keccak256("p1"), bytes32(0));
        founders[3] = Membership.Founder(P2, keccak256("p2"), leaderRole);
        founders[4] = Membership.Founder(C1, keccak256("c1"), bytes32(0));
        founders[5] = Membership.Founder(C2, keccak256("c2"), leaderRole);
        membership = new Membership(TREASURY, rules, founders);
        resources = new Resources(membership, taxonomy);
        Applications applications = new Applications(TREASURY, membership, taxonomy);
        accessGrants = new AccessGrants(TREASURY, membership, rules, taxonomy, applications, address(this));
        market = new Market(TREASURY, membership, resources, taxonomy, rules, accessGrants);
        accessGrants.setConnector(address(market), true);
        accessGrants.finishBootstrap();
        token = new TestToken();

        vm.prank(P1);
        resourceOf[P1] = resources.register(COURIER, keccak256("p1's bike"));
        vm.prank(P2);
        resourceOf[P2] = resources.register(COURIER, keccak256("p2's bike"));
    }

    function _terms(
        address payToken,
        uint128 unitPrice,
        uint64 capacity
    ) internal pure returns (Market.OfferTerms memory) {
        return
            Market.OfferTerms({
                classId: COURIER,
                token: payToken,
                unitPrice: unitPrice,
                capacity: capacity,
                validFrom: 0,
                validUntil: 0,
                metadata: keccak256(abi.encode(payToken, unitPrice, capacity))
            });
    }

    function _noData() internal pure returns (Market.DataRequest memory none) {}

    function _deliveryData() internal pure returns (Market.DataRequest memory data) {
        data.attributeIds = new uint16[](1);
        data.attributeIds[0] = DELIVERY_ADDRESS;
        data.purpose = PURPOSE;
        data.duration = DATA_DURATION;
    }

    function _list(
        address provider,
        address payToken,
        uint128 unitPrice,
        uint64 capacity,
        bool withData
    ) internal returns (uint256 offerId) {
        vm.prank(provider);
        offerId = market.listOffer(
            resourceOf[provider],
            _terms(payToken, unitPrice, capacity),
            withData ? _deliveryData() : _noData()
        );
    }

    /// @dev Funds `consumer` and books; the caller handles reverts.
    function _book(address consumer, uint256 offerId, uint64 quantity) internal returns (uint256) {
        Market.Offer memory o = market.offer(offerId);
        uint256 amount = uint256(o.unitPrice) * quantity;
        Market.DataRequest memory consent = o.dataRequest == bytes32(0) ? _noData() : _deliveryData();
        if (o.token == address(0)) {
            vm.deal(consumer, amount);
            vm.prank(consumer);
            return market.book{value: amount}(offerId, o.version, quantity, consent);
        }
        token.mint(consumer, amount);
        vm.prank(consumer);
        token.approve(address(market), amount);
        vm.prank(consumer);
        return market.book(offerId, o.version, quantity, consent);
    }

    function _credited(address consumer, address provider, address payToken) internal view returns (uint256) {
        return
            market.balanceOf(consumer, payToken) +
            market.balanceOf(provider, payToken) +
            market.balanceOf(TREASURY, payToken);
    }
}

/// @notice Fuzz tests of the market's arithmetic and bounds.
contract MarketFuzzTest is MarketWorld {
    function setUp() public {
        _deployWorld();
    }

    /// @notice A ruling splits the escrow exactly: refund + payment + fee == amount, and the fee is the rule's
    /// share of the payment, rounded down.
    function testFuzz_rulingSplitsEscrowExactly(
        uint128 unitPrice,
        uint64 quantity,
        uint256 refund,
        bool inToken
    ) public {
        unitPrice = uint128(bound(unitPrice, 0, 1e30));
        quantity = uint64(bound(quantity, 1, 1_000));
        address payToken = inToken ? address(token) : address(0);
        uint256 offerId = _list(P1, payToken, unitPrice, 1_000, false);
        uint256 bookingId = _book(C1, offerId, quantity);
        uint256 amount = uint256(unitPrice) * quantity;
        refund = bound(refund, 0, amount);

        vm.prank(P1);
        market.acceptBooking(bookingId);
        vm.prank(C1);
        market.openDispute(bookingId, keccak256("late"));
        vm.prank(LEADER);
        market.ruleDispute(bookingId, refund, keccak256("ruling"));

        uint256 fee = ((amount - refund) * FEE_BPS) / 10_000;
        assertEq(market.balanceOf(C1, payToken), refund, "refund");
        assertEq(market.balanceOf(P1, payToken), amount - refund - fee, "payment");
        assertEq(market.balanceOf(TREASURY, payToken), fee, "fee");
        assertEq(market.remainingCapacity(offerId), refund == amount ? 1_000 : 1_000 - quantity, "capacity");
    }

    /// @notice A booking never takes more than the capacity left; declining gives the units back.
    function testFuzz_capacityIsNeverOverbooked(uint64 capacity, uint64 first, uint64 second) public {
        capacity = uint64(bound(capacity, 1, 1e9));
        first = uint64(bound(first, 1, capacity));
        second = uint64(bound(second, 1, 2e9));
        uint256 offerId = _list(P1, address(0), 1 gwei, capacity, false);
        uint256 bookingId = _book(C1, offerId, first);
        uint64 left = capacity - first;
        if (second > left) {
            vm.deal(C2, uint256(second) * 1 gwei);
            vm.expectRevert(abi.encodeWithSelector(Market.MarketInsufficientCapacity.selector, offerId, second, left));
            vm.prank(C2);
            market.book{value: uint256(second) * 1 gwei}(offerId, 0, second, _noData());
        } else {
            _book(C2, offerId, second);
            left -= second;
        }
        assertEq(market.remainingCapacity(offerId), left, "left after bookings");
        vm.prank(P1);
        market.declineBooking(bookingId);
        assertEq(market.remainingCapacity(offerId), left + first, "declined units return");
    }

    /// @notice Price, token and fee are fixed at booking, whatever the provider or the members' vote change later.
    function testFuzz_termsFixedAtBooking(uint128 newPrice, uint16 newFee, bool newTokenIsErc20) public {
        newPrice = uint128(bound(newPrice, 0, 1e30));
        newFee = uint16(bound(newFee, 0, 10_000));
        uint256 offerId = _list(P1, address(0), 1 ether, 10, false);
        uint256 bookingId = _book(C1, offerId, 2);

        vm.prank(P1);
        market.updateOffer(offerId, _terms(newTokenIsErc20 ? address(token) : address(0), newPrice, 10), _noData());
        bytes32 feeKey = rules.MARKET_FEE_BPS();
        vm.prank(TREASURY);
        rules.setRule(feeKey, newFee);

        vm.prank(P1);
        market.acceptBooking(bookingId);
        vm.prank(C1);
        market.completeBooking(bookingId);
        uint256 fee = (2 ether * uint256(FEE_BPS)) / 10_000;
        assertEq(market.balanceOf(P1, address(0)), 2 ether - fee, "paid at the booked price, in ETH");
        assertEq(market.balanceOf(TREASURY, address(0)), fee, "fee at the booked rate");
    }

    /// @notice The provider may claim only once the dispute window after delivery has passed; the consumer may
    /// dispute only before.
    function testFuzz_disputeWindowSeparatesDisputeFromClaim(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 2 * uint256(DISPUTE_WINDOW));
        uint256 offerId = _list(P1, address(token), 100, 10, false);
        uint256 bookingId = _book(C1, offerId, 1);
        vm.prank(P1);
        market.acceptBooking(bookingId);
        vm.prank(P1);
        market.markDelivered(bookingId);
        uint48 windowEnds = uint48(block.timestamp + DISPUTE_WINDOW);
        vm.warp(block.timestamp + elapsed);
        if (elapsed < DISPUTE_WINDOW) {
            vm.expectRevert(abi.encodeWithSelector(Market.MarketDisputeWindowOpen.selector, bookingId, windowEnds));
            vm.prank(P1);
            market.claimPayment(bookingId);
            vm.prank(C1);
            market.openDispute(bookingId, keccak256("broken"));
        } else {
            vm.expectRevert(abi.encodeWithSelector(Market.MarketDisputeWindowClosed.selector, bookingId, windowEnds));
            vm.prank(C1);
            market.openDispute(bookingId, keccak256("broken"));
            vm.prank(P1);
            market.claimPayment(bookingId);
            assertEq(uint256(market.booking(bookingId).status), uint256(Market.BookingStatus.Claimed), "claimed");
        }
    }

    /// @notice No leader who is a party to a booking may rule on it, whichever side they are on.
    function testFuzz_partyNeverRules(uint256 refund, bool leaderIsProvider) public {
        // P2 and C2 are leaders; make one of them a party.
        (address provider, address consumer) = leaderIsProvider ? (P2, C1) : (P1, C2);
        uint256 offerId = _list(provider, address(0), 1 ether, 1, false);
        uint256 bookingId = _book(consumer, offerId, 1);
        vm.prank(provider);
        market.acceptBooking(bookingId);
        vm.prank(consumer);
        market.openDispute(bookingId, keccak256("statement"));
        refund = bound(refund, 0, 1 ether);
        address party = leaderIsProvider ? P2 : C2;
        vm.expectRevert(abi.encodeWithSelector(Market.MarketPartyCannotRule.selector, bookingId, party));
        vm.prank(party);
        market.ruleDispute(bookingId, refund, keccak256("ruling"));
        assertEq(uint256(market.booking(bookingId).status), uint256(Market.BookingStatus.Disputed), "still open");
    }

    /// @notice Every dispute ends, and exactly one kind of account may end it at any time: the leaders who are no
    /// party until the final deadline, the members' vote (the timelock) from the end of the ruling period until
    /// then, and anyone by the default outcome (full refund) from the final deadline.
    function testFuzz_disputeAlwaysEnds(uint256 elapsed, uint8 who) public {
        uint256 offerId = _list(P1, address(0), 1 ether, 1, false);
        uint256 bookingId = _book(C1, offerId, 1);
        vm.prank(P1);
        market.acceptBooking(bookingId);
        vm.prank(C1);
        market.openDispute(bookingId, keccak256("statement"));
        uint256 membersFrom = block.timestamp + 14 days;
        uint256 finalDeadline = membersFrom + market.MEMBERS_DECISION_TIME();
        elapsed = bound(elapsed, 0, 60 days);
        vm.warp(block.timestamp + elapsed);
        who %= 3;
        bytes memory expected;
        if (who == 2) {
            if (block.timestamp < finalDeadline) {
                expected = abi.encodeWithSelector(Market.MarketDisputeNotExpired.selector, bookingId, finalDeadline);
            }
            if (expected.length != 0) vm.expectRevert(expected);
            vm.prank(OUTSIDER);
            market.settleExpiredDispute(bookingId);
        } else {
            if (block.timestamp >= finalDeadline) {
                expected = abi.encodeWithSelector(Market.MarketRulingClosed.selector, bookingId, finalDeadline);
            } else if (who == 1 && block.timestamp < membersFrom) {
                expected = abi.encodeWithSelector(Market.MarketMembersRuleFrom.selector, bookingId, membersFrom);
            }
            if (expected.length != 0) vm.expectRevert(expected);
            vm.prank(who == 0 ? LEADER : TREASURY);
            market.ruleDispute(bookingId, 0, keccak256("ruling"));
        }
        Market.BookingStatus status = market.booking(bookingId).status;
        if (expected.length != 0) {
            assertEq(uint256(status), uint256(Market.BookingStatus.Disputed), "still disputed");
        } else {
            assertEq(
                uint256(status),
                uint256(who == 2 ? Market.BookingStatus.Defaulted : Market.BookingStatus.Ruled),
                "ended"
            );
        }
        // Someone can always end it: before the final deadline a leader who is no party, from it anyone.
        if (expected.length != 0) {
            if (block.timestamp < finalDeadline) {
                vm.prank(LEADER);
                market.ruleDispute(bookingId, 1 ether, keccak256("ruling"));
            } else {
                market.settleExpiredDispute(bookingId);
            }
            assertEq(market.balanceOf(C1, address(0)), 1 ether, "refunded");
        }
    }

    /// @notice A booking keeps the dispute window and the ruling period in force when it was made, whatever the
    /// members' vote sets later.
    function testFuzz_disputeRulesFixedAtBooking(uint32 newWindow, uint32 newRulingPeriod) public {
        newWindow = uint32(bound(newWindow, 1 hours, 365 days));
        newRulingPeriod = uint32(bound(newRulingPeriod, 1 hours, 90 days));
        uint256 offerId = _list(P1, address(0), 1 ether, 2, false);
        uint256 bookingId = _book(C1, offerId, 1);
        bytes32 windowKey = rules.DISPUTE_WINDOW();
        bytes32 rulingKey = rules.DISPUTE_RULING_PERIOD();
        vm.startPrank(TREASURY);
        rules.setRule(windowKey, newWindow);
        rules.setRule(rulingKey, newRulingPeriod);
        vm.stopPrank();
        vm.prank(P1);
        market.acceptBooking(bookingId);
        vm.prank(P1);
        market.markDelivered(bookingId);
        Market.Booking memory b = market.booking(bookingId);
        assertEq(b.windowEnds, block.timestamp + DISPUTE_WINDOW, "window in force at booking");
        assertEq(b.rulingPeriod, 14 days, "ruling period in force at booking");
        uint256 later = _book(C1, offerId, 1);
        assertEq(market.booking(later).disputeWindow, newWindow, "a later booking keeps the new window");
        assertEq(market.booking(later).rulingPeriod, newRulingPeriod, "and the new ruling period");
    }
}

/// @notice Drives the market with random sequences of every user operation, by every actor. Before each call it
/// predicts from its own model of the market (offers, requests, bookings, credits, rules) whether the call
/// succeeds or exactly which error it reverts with, then checks the outcome; it counts the successes of each kind
/// of operation, which the invariant test requires to reach a minimum in every run.
contract MarketHandler is MarketWorld {
    /// @dev The market's records as the handler expects them to be.
    struct ModelOffer {
        address provider;
        Market.OfferStatus status;
        uint32 version;
        address token;
        uint128 unitPrice;
        uint64 capacity;
        uint64 booked;
        bool withData;
    }

    struct ModelRequest {
        address consumer;
        Market.RequestStatus status;
        uint48 deadline;
        address token;
        uint64 quantity;
        uint128 maxUnitPrice;
    }

    struct ModelBooking {
        address consumer;
        address provider;
        uint256 offerId;
        Market.BookingStatus status;
        uint16 feeBps;
        bool withData;
        uint48 windowEnds; // the dispute window's end, then when the dispute opened
        address token;
        uint32 disputeWindow;
        uint128 amount;
        uint64 quantity;
        uint32 rulingPeriod;
    }

    /// @notice The kinds of operation, each counted when it succeeds.
    enum Op {
        List,
        Update,
        Pause,
        Resume,
        Close,
        PostRequest,
        CancelRequest,
        Answer,
        AcceptAnswer,
        Book,
        AcceptBooking,
        Decline,
        Cancel,
        MarkDelivered,
        Complete,
        Claim,
        OpenDispute,
        RuleByLeader,
        RuleByMembers,
        SettleExpired,
        Withdraw,
        WithdrawFees
    }
    uint256 internal constant OPS = uint256(type(Op).max) + 1;

    address[4] internal _consumers = [C1, C2, P1, P2];
    address[2] internal _providers = [P1, P2];

    mapping(uint256 offerId => ModelOffer) internal _offerModel;
    mapping(uint256 requestId => ModelRequest) internal _requestModel;
    mapping(uint256 requestId => mapping(uint256 offerId => bool)) internal _answeredModel;
    uint256[2][] internal _answers;
    mapping(uint256 bookingId => ModelBooking) internal _bookingModel;
    uint256 public offers;
    uint256 public requests;
    uint256 public bookings;
    /// @notice What the model credits per token and account.
    mapping(address payToken => mapping(address account => uint256)) public credit;
    /// @notice Per token: everything escrowed minus everything withdrawn.
    mapping(address payToken => uint256) public netDeposits;
    /// @notice How many times a settling call succeeded per booking.
    mapping(uint256 bookingId => uint256) public settlements;
    /// @notice When each data booking's own consent expires (consents of different bookings combine).
    mapping(uint256 bookingId => uint256) public consentExpiry;
    /// @notice Unsettled bookings with data per consumer and provider: each holds one of the pair's connector slots.
    mapping(address consumer => mapping(address provider => uint256)) public dataBookingsOpen;
    /// @notice The rules the model holds in force.
    uint16 public feeBps = FEE_BPS;
    uint32 public disputeWindow = DISPUTE_WINDOW;
    uint32 public rulingPeriod = 14 days;

    /// @notice Calls and successful calls per kind of operation.
    mapping(Op => uint256) public attempts;
    mapping(Op => uint256) public successes;
    /// @notice Calls whose outcome differed from the model's prediction (must stay 0), and the first of them.
    uint256 public surprises;
    string public firstSurprise;

    constructor() {
        _deployWorld();
    }

    // ---- offers ----

    function list(uint256 providerSeed, bool inToken, uint128 unitPrice, uint64 capacity, bool withData) external {
        _listAs(
            _providers[providerSeed % 2],
            inToken,
            uint128(bound(unitPrice, 0, 1e24)),
            uint64(bound(capacity, 1, 50)),
            withData
        );
    }

    function _listAs(address provider, bool inToken, uint128 unitPrice, uint64 capacity, bool withData) private {
        address payToken = inToken ? address(token) : address(0);
        bytes memory call = abi.encodeCall(
            Market.listOffer,
            (resourceOf[provider], _terms(payToken, unitPrice, capacity), withData ? _deliveryData() : _noData())
        );
        if (_expect(Op.List, provider, 0, call, "")) {
            _offerModel[++offers] = ModelOffer(
                provider,
                Market.OfferStatus.Active,
                0,
                payToken,
                unitPrice,
                capacity,
                0,
                withData
            );
        }
    }

    function update(uint256 offerSeed, uint128 unitPrice, uint64 capacity, bool inToken, bool withData) external {
        uint256 offerId = _pick(offerSeed, offers);
        if (offerId == 0) return;
        ModelOffer storage o = _offerModel[offerId];
        address payToken = inToken ? address(token) : address(0);
        unitPrice = uint128(bound(unitPrice, 0, 1e24));
        capacity = uint64(bound(capacity, 1, 60));
        bytes memory expected;
        if (o.status == Market.OfferStatus.Closed) expected = _offerStatusError(offerId, o.status);
        else if (capacity < o.booked) {
            expected = abi.encodeWithSelector(Market.MarketInvalidCapacity.selector, capacity, o.booked);
        }
        bytes memory call = abi.encodeCall(
            Market.updateOffer,
            (offerId, _terms(payToken, unitPrice, capacity), withData ? _deliveryData() : _noData())
        );
        if (_expect(Op.Update, o.provider, 0, call, expected)) {
            ++o.version;
            (o.token, o.unitPrice, o.capacity, o.withData) = (payToken, unitPrice, capacity, withData);
        }
    }

    function pauseOffer(uint256 offerSeed) external {
        uint256 offerId = _pickOffer(offerSeed, Market.OfferStatus.Active);
        if (offerId == 0) return;
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected =
            o.status != Market.OfferStatus.Active ? _offerStatusError(offerId, o.status) : bytes("");
        if (_expect(Op.Pause, o.provider, 0, abi.encodeCall(Market.pauseOffer, (offerId)), expected)) {
            o.status = Market.OfferStatus.Paused;
        }
    }

    function resumeOffer(uint256 offerSeed) external {
        uint256 offerId = _pickOffer(offerSeed, Market.OfferStatus.Paused);
        if (offerId == 0) return;
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected =
            o.status != Market.OfferStatus.Paused ? _offerStatusError(offerId, o.status) : bytes("");
        if (_expect(Op.Resume, o.provider, 0, abi.encodeCall(Market.resumeOffer, (offerId)), expected)) {
            o.status = Market.OfferStatus.Active;
        }
    }

    function closeOffer(uint256 offerSeed) external {
        uint256 offerId = _pickOffer(offerSeed, Market.OfferStatus.Active);
        if (offerId == 0) return;
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected =
            o.status == Market.OfferStatus.Closed ? _offerStatusError(offerId, o.status) : bytes("");
        if (_expect(Op.Close, o.provider, 0, abi.encodeCall(Market.closeOffer, (offerId)), expected)) {
            o.status = Market.OfferStatus.Closed;
        }
    }

    // ---- requests ----

    function postRequest(
        uint256 consumerSeed,
        bool inToken,
        uint64 quantity,
        uint128 maxUnitPrice,
        uint48 after_
    ) external {
        _postAs(
            _consumers[consumerSeed % 4],
            inToken ? address(token) : address(0),
            uint64(bound(quantity, 1, 5)),
            uint128(bound(maxUnitPrice, 0, 1e24)),
            // Half the requests are short (they expire), half outlast the long waits for dispute deadlines.
            uint48(block.timestamp + (after_ % 2 == 0 ? bound(after_, 1, 10 days) : bound(after_, 1, 2_000 days)))
        );
    }

    function _postAs(
        address consumer,
        address payToken,
        uint64 quantity,
        uint128 maxUnitPrice,
        uint48 deadline
    ) private {
        Market.RequestTerms memory terms = Market.RequestTerms({
            classId: COURIER,
            token: payToken,
            quantity: quantity,
            maxUnitPrice: maxUnitPrice,
            deadline: deadline,
            metadata: bytes32(0)
        });
        if (_expect(Op.PostRequest, consumer, 0, abi.encodeCall(Market.postRequest, (terms)), "")) {
            _requestModel[++requests] = ModelRequest(
                consumer,
                Market.RequestStatus.Open,
                terms.deadline,
                terms.token,
                terms.quantity,
                terms.maxUnitPrice
            );
        }
    }

    function cancelRequest(uint256 requestSeed) external {
        uint256 requestId = _pickRequest(requestSeed);
        // Requests are soon answered or expire: without a fresh one a run could see too few cancellations.
        if (
            _prefersValid(requestSeed) &&
            (requestId == 0 || _requestModel[requestId].status != Market.RequestStatus.Open)
        ) {
            (requestId, ) = _freshRequest(requestSeed);
        }
        if (requestId == 0) return;
        ModelRequest storage r = _requestModel[requestId];
        bytes memory expected =
            r.status != Market.RequestStatus.Open
                ? abi.encodeWithSelector(Market.MarketRequestNotOpen.selector, requestId, r.status)
                : bytes("");
        if (_expect(Op.CancelRequest, r.consumer, 0, abi.encodeCall(Market.cancelRequest, (requestId)), expected)) {
            r.status = Market.RequestStatus.Cancelled;
        }
    }

    function answer(uint256 requestSeed, uint256 offerSeed) external {
        uint256 requestId = _pickRequest(requestSeed);
        uint256 offerId = _pick(offerSeed, offers);
        if (_prefersValid(offerSeed)) {
            offerId = requestId == 0 ? 0 : _matchingOffer(requestId, offerId == 0 ? 1 : offerId);
            if (offerId == 0) (requestId, offerId) = _freshRequest(offerSeed);
        }
        _answer(requestId, offerId);
    }

    /// @dev Lists an offer and posts a request it meets; returns both.
    function _freshRequest(uint256 seed) private returns (uint256 requestId, uint256 offerId) {
        address provider = _providers[seed % 2];
        uint128 price = uint128(seed % 1e18);
        bool inToken = (seed >> 8) % 2 == 0;
        _listAs(provider, inToken, price, 5, false);
        offerId = offers;
        _postAs(
            provider == P1 ? C1 : C2,
            inToken ? address(token) : address(0),
            1,
            price,
            uint48(block.timestamp + 1 days)
        );
        requestId = requests;
    }

    function _answer(uint256 requestId, uint256 offerId) private returns (bool) {
        if (requestId == 0 || offerId == 0) return false;
        ModelRequest storage r = _requestModel[requestId];
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected = _openRequestError(requestId, r);
        if (expected.length != 0) {} else if (r.consumer == o.provider) {
            expected = abi.encodeWithSelector(Market.MarketOwnOffer.selector, offerId);
        } else if (o.status != Market.OfferStatus.Active) {
            expected = _offerStatusError(offerId, o.status);
        } else if (o.token != r.token || o.unitPrice > r.maxUnitPrice || o.capacity - o.booked < r.quantity) {
            expected = abi.encodeWithSelector(Market.MarketOfferMismatch.selector, requestId, offerId);
        } else if (_answeredModel[requestId][offerId]) {
            expected = abi.encodeWithSelector(Market.MarketAlreadyAnswered.selector, requestId, offerId);
        }
        bytes memory call = abi.encodeCall(Market.answerRequest, (requestId, offerId));
        if (!_expect(Op.Answer, o.provider, 0, call, expected)) return false;
        _answeredModel[requestId][offerId] = true;
        _answers.push([requestId, offerId]);
        return true;
    }

    function acceptAnswer(uint256 requestSeed, uint256 offerSeed) external {
        uint256 requestId = _pick(requestSeed, requests);
        uint256 offerId = _pick(offerSeed, offers);
        if (_prefersValid(requestSeed)) {
            bool found;
            (found, requestId, offerId) = _acceptableAnswer(requestSeed, requestId, offerId);
            if (!found) {
                (requestId, offerId) = _freshRequest(requestSeed);
                if (!_answer(requestId, offerId)) return;
            }
        }
        if (requestId == 0 || offerId == 0) return;
        ModelRequest storage r = _requestModel[requestId];
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected = _openRequestError(requestId, r);
        if (expected.length != 0) {} else if (!_answeredModel[requestId][offerId]) {
            expected = abi.encodeWithSelector(Market.MarketNotAnswered.selector, requestId, offerId);
        } else if (o.token != r.token || o.unitPrice > r.maxUnitPrice) {
            expected = abi.encodeWithSelector(Market.MarketOfferMismatch.selector, requestId, offerId);
        } else {
            expected = _bookError(offerId, o, r.consumer, r.quantity);
        }
        uint256 value = _fund(r.consumer, o, r.quantity);
        bytes memory call = abi.encodeCall(Market.acceptAnswer, (requestId, offerId, o.version, _consentOf(o)));
        if (_expect(Op.AcceptAnswer, r.consumer, value, call, expected)) {
            r.status = Market.RequestStatus.Accepted;
            _recordBooking(r.consumer, offerId, r.quantity);
        }
    }

    // ---- bookings ----

    function book(uint256 consumerSeed, uint256 offerSeed, uint64 quantity) external {
        uint256 offerId = _pickOffer(offerSeed, Market.OfferStatus.Active);
        if (offerId == 0) return;
        _bookAs(_consumers[consumerSeed % 4], offerId, uint64(bound(quantity, 1, 5)));
    }

    function _bookAs(address consumer, uint256 offerId, uint64 quantity) private {
        ModelOffer storage o = _offerModel[offerId];
        bytes memory expected = _bookError(offerId, o, consumer, quantity);
        uint256 value = _fund(consumer, o, quantity);
        bytes memory call = abi.encodeCall(Market.book, (offerId, o.version, quantity, _consentOf(o)));
        if (_expect(Op.Book, consumer, value, call, expected)) _recordBooking(consumer, offerId, quantity);
    }

    function acceptBooking(uint256 bookingSeed) external {
        (uint256 bookingId, bytes memory expected) = _bookingIn(bookingSeed, Market.BookingStatus.Booked);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        if (_expect(Op.AcceptBooking, b.provider, 0, abi.encodeCall(Market.acceptBooking, (bookingId)), expected)) {
            b.status = Market.BookingStatus.Accepted;
        }
    }

    function declineBooking(uint256 bookingSeed) external {
        (uint256 bookingId, bytes memory expected) = _bookingIn(bookingSeed, Market.BookingStatus.Booked);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        if (_expect(Op.Decline, b.provider, 0, abi.encodeCall(Market.declineBooking, (bookingId)), expected)) {
            _settleModel(bookingId, Market.BookingStatus.Declined, b.amount);
        }
    }

    function cancelBooking(uint256 bookingSeed) external {
        (uint256 bookingId, bytes memory expected) = _bookingIn(bookingSeed, Market.BookingStatus.Booked);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        if (_expect(Op.Cancel, b.consumer, 0, abi.encodeCall(Market.cancelBooking, (bookingId)), expected)) {
            _settleModel(bookingId, Market.BookingStatus.Cancelled, b.amount);
        }
    }

    function markDelivered(uint256 bookingSeed) external {
        (uint256 bookingId, bytes memory expected) = _bookingIn(bookingSeed, Market.BookingStatus.Accepted);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        if (_expect(Op.MarkDelivered, b.provider, 0, abi.encodeCall(Market.markDelivered, (bookingId)), expected)) {
            b.status = Market.BookingStatus.Delivered;
            b.windowEnds = uint48(block.timestamp + b.disputeWindow);
        }
    }

    function completeBooking(uint256 bookingSeed) external {
        uint256 bookingId = _pickBooking(bookingSeed, _prefersValid(bookingSeed), Market.BookingStatus.Accepted);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        bytes memory expected =
            b.status != Market.BookingStatus.Accepted && b.status != Market.BookingStatus.Delivered
                ? _bookingStatusError(bookingId, b.status)
                : bytes("");
        if (_expect(Op.Complete, b.consumer, 0, abi.encodeCall(Market.completeBooking, (bookingId)), expected)) {
            _settleModel(bookingId, Market.BookingStatus.Completed, 0);
        }
    }

    /// @dev The provider claims; a valid claim waits out the dispute window.
    function claimPayment(uint256 bookingSeed) external {
        bool preferValid = _prefersValid(bookingSeed);
        uint256 bookingId = _pickBooking(bookingSeed, preferValid, Market.BookingStatus.Delivered);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        if (preferValid && b.status == Market.BookingStatus.Delivered && block.timestamp < b.windowEnds) {
            vm.warp(b.windowEnds);
        }
        bytes memory expected;
        if (b.status != Market.BookingStatus.Delivered) expected = _bookingStatusError(bookingId, b.status);
        else if (block.timestamp < b.windowEnds) {
            expected = abi.encodeWithSelector(Market.MarketDisputeWindowOpen.selector, bookingId, b.windowEnds);
        }
        if (_expect(Op.Claim, b.provider, 0, abi.encodeCall(Market.claimPayment, (bookingId)), expected)) {
            _settleModel(bookingId, Market.BookingStatus.Claimed, 0);
        }
    }

    function openDispute(uint256 bookingSeed, bool byProvider) external {
        bool preferValid = _prefersValid(bookingSeed);
        uint256 bookingId = _pickBooking(bookingSeed, preferValid, Market.BookingStatus.Accepted);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        bytes memory expected;
        if (b.status == Market.BookingStatus.Delivered) {
            if (block.timestamp >= b.windowEnds) {
                expected = abi.encodeWithSelector(Market.MarketDisputeWindowClosed.selector, bookingId, b.windowEnds);
            }
        } else if (b.status != Market.BookingStatus.Accepted) {
            expected = _bookingStatusError(bookingId, b.status);
        }
        bytes memory call = abi.encodeCall(Market.openDispute, (bookingId, keccak256("statement")));
        if (_expect(Op.OpenDispute, byProvider ? b.provider : b.consumer, 0, call, expected)) {
            b.status = Market.BookingStatus.Disputed;
            b.windowEnds = uint48(block.timestamp);
        }
    }

    /// @dev A ruling by a leader who is no party, or attempted by a party (P2 and C2 are leaders) or by a member
    /// who is no leader; `refund` may exceed the escrow by one.
    function rule(uint256 bookingSeed, uint8 rulerSeed, uint256 refund) external {
        bool preferValid = _prefersValid(bookingSeed);
        uint256 bookingId = _pickBooking(bookingSeed, preferValid, Market.BookingStatus.Disputed);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        address ruler = preferValid ? LEADER : [LEADER, b.consumer, b.provider, P1, P2, C2][rulerSeed % 6];
        refund = bound(refund, 0, uint256(b.amount) + (preferValid ? 0 : 1));
        (uint256 membersFrom, uint256 finalDeadline) = _deadlines(b);
        bytes memory expected = _ruleError(bookingId, b, ruler, refund, membersFrom, finalDeadline);
        bytes memory call = abi.encodeCall(Market.ruleDispute, (bookingId, refund, keccak256("ruling")));
        if (_expect(Op.RuleByLeader, ruler, 0, call, expected))
            _settleModel(bookingId, Market.BookingStatus.Ruled, refund);
    }

    /// @dev A ruling by the members' vote (the timelock executing a proposal); a valid attempt waits for the end
    /// of the leaders' ruling period.
    function ruleByMembers(uint256 bookingSeed, uint256 refund) external {
        bool preferValid = _prefersValid(bookingSeed);
        uint256 bookingId = _pickBooking(bookingSeed, preferValid, Market.BookingStatus.Disputed);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        refund = bound(refund, 0, b.amount);
        (uint256 membersFrom, uint256 finalDeadline) = _deadlines(b);
        if (preferValid && b.status == Market.BookingStatus.Disputed && block.timestamp < membersFrom) {
            vm.warp(membersFrom + (refund % 3 days));
        }
        bytes memory expected = _ruleError(bookingId, b, TREASURY, refund, membersFrom, finalDeadline);
        bytes memory call = abi.encodeCall(Market.ruleDispute, (bookingId, refund, keccak256("ruling")));
        if (_expect(Op.RuleByMembers, TREASURY, 0, call, expected)) {
            _settleModel(bookingId, Market.BookingStatus.Ruled, refund);
        }
    }

    /// @dev Anyone settles a dispute by the default outcome; a valid attempt waits for the final deadline.
    function settleExpired(uint256 bookingSeed, uint8 callerSeed) external {
        bool preferValid = _prefersValid(bookingSeed);
        uint256 bookingId = _pickBooking(bookingSeed, preferValid, Market.BookingStatus.Disputed);
        if (bookingId == 0) return;
        ModelBooking storage b = _bookingModel[bookingId];
        (, uint256 finalDeadline) = _deadlines(b);
        if (preferValid && b.status == Market.BookingStatus.Disputed && block.timestamp < finalDeadline) {
            vm.warp(finalDeadline);
        }
        bytes memory expected;
        if (b.status != Market.BookingStatus.Disputed) expected = _bookingStatusError(bookingId, b.status);
        else if (block.timestamp < finalDeadline) {
            expected = abi.encodeWithSelector(Market.MarketDisputeNotExpired.selector, bookingId, finalDeadline);
        }
        address caller = [OUTSIDER, b.consumer, b.provider, LEADER][callerSeed % 4];
        bytes memory call = abi.encodeCall(Market.settleExpiredDispute, (bookingId));
        if (_expect(Op.SettleExpired, caller, 0, call, expected)) {
            _settleModel(bookingId, Market.BookingStatus.Defaulted, b.amount);
        }
    }

    // ---- money ----

    function withdraw(uint256 accountSeed, bool inToken) external {
        address account = _consumers[accountSeed % 4];
        address payToken = inToken ? address(token) : address(0);
        _pays(Op.Withdraw, account, account, payToken, abi.encodeCall(Market.withdraw, (payToken)));
    }

    /// @dev Anyone moves the fees to the treasury.
    function withdrawFees(bool inToken) external {
        address payToken = inToken ? address(token) : address(0);
        _pays(Op.WithdrawFees, OUTSIDER, TREASURY, payToken, abi.encodeCall(Market.withdrawFees, (payToken)));
    }

    /// @dev A withdrawal pays `account` exactly what the model credits it, or fails when that is nothing.
    function _pays(Op op, address caller, address account, address payToken, bytes memory call) private {
        uint256 owed = credit[payToken][account];
        bytes memory expected =
            owed == 0 ? abi.encodeWithSelector(Market.MarketNothingToWithdraw.selector, account, payToken) : bytes("");
        uint256 before = _holding(payToken, account);
        if (!_expect(op, caller, 0, call, expected)) return;
        if (_holding(payToken, account) - before != owed) _surprise("a withdrawal did not pay what was owed");
        credit[payToken][account] = 0;
        netDeposits[payToken] -= owed;
    }

    // ---- the world around ----

    /// @dev The members' vote changes the fee, the dispute window or the ruling period (within their bounds).
    function setRule(uint8 which, uint256 value) external {
        which %= 3;
        vm.startPrank(TREASURY);
        if (which == 0) {
            feeBps = uint16(bound(value, 0, 2_000));
            rules.setRule(rules.MARKET_FEE_BPS(), feeBps);
        } else if (which == 1) {
            disputeWindow = uint32(bound(value, 1 hours, 10 days));
            rules.setRule(rules.DISPUTE_WINDOW(), disputeWindow);
        } else {
            rulingPeriod = uint32(bound(value, 1 hours, 30 days));
            rules.setRule(rules.DISPUTE_RULING_PERIOD(), rulingPeriod);
        }
        vm.stopPrank();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 4 days));
    }

    // ---- views for the invariants ----

    function consumers() external view returns (address[4] memory) {
        return _consumers;
    }

    function providers() external view returns (address[2] memory) {
        return _providers;
    }

    function contracts() external view returns (Market, TestToken, AccessGrants) {
        return (market, token, accessGrants);
    }

    function bookingModel(uint256 bookingId) external view returns (ModelBooking memory) {
        return _bookingModel[bookingId];
    }

    function offerModel(uint256 offerId) external view returns (ModelOffer memory) {
        return _offerModel[offerId];
    }

    // ---- predictions ----

    /// @dev A booking (preferring one in status `needed`) and the error a step needing that status expects.
    function _bookingIn(uint256 seed, Market.BookingStatus needed) private returns (uint256 bookingId, bytes memory) {
        bookingId = _pickBooking(seed, _prefersValid(seed), needed);
        Market.BookingStatus status = _bookingModel[bookingId].status;
        return (bookingId, status != needed ? _bookingStatusError(bookingId, status) : bytes(""));
    }

    function _bookError(
        uint256 offerId,
        ModelOffer storage o,
        address consumer,
        uint64 quantity
    ) private view returns (bytes memory) {
        if (o.provider == consumer) return abi.encodeWithSelector(Market.MarketOwnOffer.selector, offerId);
        if (o.status != Market.OfferStatus.Active) return _offerStatusError(offerId, o.status);
        uint64 remaining = o.capacity - o.booked;
        if (quantity > remaining) {
            return abi.encodeWithSelector(Market.MarketInsufficientCapacity.selector, offerId, quantity, remaining);
        }
        // each unsettled booking with data holds one of the pair's connector slots
        if (o.withData && dataBookingsOpen[consumer][o.provider] == accessGrants.MAX_CONSENT_SLOT()) {
            return abi.encodeWithSelector(AccessGrants.AccessGrantsNoFreeSlot.selector, consumer, o.provider);
        }
        return "";
    }

    function _ruleError(
        uint256 bookingId,
        ModelBooking storage b,
        address ruler,
        uint256 refund,
        uint256 membersFrom,
        uint256 finalDeadline
    ) private view returns (bytes memory) {
        bool byMembers = ruler == TREASURY;
        if (!byMembers && ruler != LEADER && ruler != P2 && ruler != C2) {
            return abi.encodeWithSelector(Market.MarketNotLeader.selector, ruler);
        }
        if (ruler == b.consumer || ruler == b.provider) {
            return abi.encodeWithSelector(Market.MarketPartyCannotRule.selector, bookingId, ruler);
        }
        if (b.status != Market.BookingStatus.Disputed) return _bookingStatusError(bookingId, b.status);
        if (block.timestamp >= finalDeadline) {
            return abi.encodeWithSelector(Market.MarketRulingClosed.selector, bookingId, finalDeadline);
        }
        if (byMembers && block.timestamp < membersFrom) {
            return abi.encodeWithSelector(Market.MarketMembersRuleFrom.selector, bookingId, membersFrom);
        }
        if (refund > b.amount) return abi.encodeWithSelector(Market.MarketRefundTooLarge.selector, refund, b.amount);
        return "";
    }

    function _openRequestError(uint256 requestId, ModelRequest storage r) private view returns (bytes memory) {
        if (r.status != Market.RequestStatus.Open) {
            return abi.encodeWithSelector(Market.MarketRequestNotOpen.selector, requestId, r.status);
        }
        if (block.timestamp >= r.deadline) {
            return abi.encodeWithSelector(Market.MarketRequestExpired.selector, requestId, r.deadline);
        }
        return "";
    }

    function _offerStatusError(uint256 offerId, Market.OfferStatus status) private pure returns (bytes memory) {
        return abi.encodeWithSelector(Market.MarketOfferStatus.selector, offerId, status);
    }

    function _bookingStatusError(uint256 bookingId, Market.BookingStatus status) private pure returns (bytes memory) {
        return abi.encodeWithSelector(Market.MarketBookingStatus.selector, bookingId, status);
    }

    function _deadlines(ModelBooking storage b) private view returns (uint256 membersFrom, uint256 finalDeadline) {
        membersFrom = uint256(b.windowEnds) + b.rulingPeriod;
        finalDeadline = membersFrom + 35 days;
    }

    // ---- the model's effects ----

    function _recordBooking(address consumer, uint256 offerId, uint64 quantity) private {
        ModelOffer storage o = _offerModel[offerId];
        uint128 amount = uint128(uint256(o.unitPrice) * quantity);
        o.booked += quantity;
        _bookingModel[++bookings] = ModelBooking({
            consumer: consumer,
            provider: o.provider,
            offerId: offerId,
            status: Market.BookingStatus.Booked,
            feeBps: feeBps,
            withData: o.withData,
            windowEnds: 0,
            token: o.token,
            disputeWindow: disputeWindow,
            amount: amount,
            quantity: quantity,
            rulingPeriod: rulingPeriod
        });
        netDeposits[o.token] += amount;
        if (o.withData) {
            consentExpiry[bookings] = block.timestamp + DATA_DURATION;
            ++dataBookingsOpen[consumer][o.provider];
        }
    }

    function _settleModel(uint256 bookingId, Market.BookingStatus outcome, uint256 refund) private {
        ModelBooking storage b = _bookingModel[bookingId];
        uint256 fee = ((b.amount - refund) * b.feeBps) / 10_000;
        b.status = outcome;
        credit[b.token][b.consumer] += refund;
        credit[b.token][b.provider] += b.amount - refund - fee;
        credit[b.token][TREASURY] += fee;
        bool paidOut = outcome == Market.BookingStatus.Completed || outcome == Market.BookingStatus.Claimed;
        if (refund == b.amount && !paidOut) _offerModel[b.offerId].booked -= b.quantity;
        if (b.withData) --dataBookingsOpen[b.consumer][b.provider];
        ++settlements[bookingId];
    }

    // ---- calling ----

    /// @dev Calls the market as `caller` with `value`, counts a success of `op`, and records a surprise unless
    /// the call succeeded exactly when `expected` is empty and otherwise reverted with exactly `expected`.
    function _expect(
        Op op,
        address caller,
        uint256 value,
        bytes memory call,
        bytes memory expected
    ) private returns (bool succeeded) {
        vm.prank(caller);
        bytes memory returned;
        // solhint-disable-next-line avoid-low-level-calls
        (succeeded, returned) = address(market).call{value: value}(call);
        ++attempts[op];
        if (succeeded) ++successes[op];
        if (succeeded != (expected.length == 0) || (!succeeded && keccak256(returned) != keccak256(expected))) {
            _surprise(
                succeeded
                    ? "an operation succeeded that the model refuses"
                    : "an operation failed otherwise than the model says"
            );
        }
    }

    function _surprise(string memory what) private {
        if (surprises++ == 0) firstSurprise = what;
    }

    /// @dev Funds `consumer` for `quantity` units of `o`; returns the ETH to send (0 for an ERC-20 offer).
    function _fund(address consumer, ModelOffer storage o, uint64 quantity) private returns (uint256 value) {
        uint256 amount = uint256(o.unitPrice) * quantity;
        if (o.token == address(0)) {
            vm.deal(consumer, amount);
            return amount;
        }
        token.mint(consumer, amount);
        vm.prank(consumer);
        token.approve(address(market), amount);
    }

    function _consentOf(ModelOffer storage o) private view returns (Market.DataRequest memory) {
        return o.withData ? _deliveryData() : _noData();
    }

    function _holding(address payToken, address account) private view returns (uint256) {
        return payToken == address(0) ? account.balance : token.balanceOf(account);
    }

    /// @dev Three calls in four aim at a target the operation can succeed on (the rest at any target). Hashed,
    /// so that the small numbers the fuzzer favours do not all fall on one side.
    function _prefersValid(uint256 seed) private pure returns (bool) {
        return uint256(keccak256(abi.encode(seed))) % 4 != 0;
    }

    function _pickOffer(uint256 seed, Market.OfferStatus wanted) private view returns (uint256) {
        uint256 count = offers;
        uint256 first = _pick(seed, count);
        if (first == 0 || !_prefersValid(seed)) return first;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + ((first - 1 + i) % count);
            if (_offerModel[id].status == wanted) return id;
        }
        return first;
    }

    /// @dev A request, preferring an open one before its deadline.
    function _pickRequest(uint256 seed) private view returns (uint256) {
        uint256 count = requests;
        uint256 first = _pick(seed, count);
        if (first == 0 || !_prefersValid(seed)) return first;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + ((first - 1 + i) % count);
            if (_openRequestError(id, _requestModel[id]).length == 0) return id;
        }
        return first;
    }

    /// @dev An offer that may answer request `requestId` (from `first` on), or 0.
    function _matchingOffer(uint256 requestId, uint256 first) private view returns (uint256) {
        ModelRequest storage r = _requestModel[requestId];
        uint256 count = offers;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + ((first - 1 + i) % count);
            ModelOffer storage o = _offerModel[id];
            if (
                o.status == Market.OfferStatus.Active &&
                o.provider != r.consumer &&
                o.token == r.token &&
                o.unitPrice <= r.maxUnitPrice &&
                o.capacity - o.booked >= r.quantity &&
                !_answeredModel[requestId][id]
            ) return id;
        }
        return 0;
    }

    /// @dev An answer its consumer may accept now (from `seed` on), or the given pair.
    function _acceptableAnswer(
        uint256 seed,
        uint256 requestId,
        uint256 offerId
    ) private view returns (bool, uint256, uint256) {
        uint256 count = _answers.length;
        for (uint256 i = 0; i < count; ++i) {
            uint256[2] memory pair = _answers[(seed + i) % count];
            ModelRequest storage r = _requestModel[pair[0]];
            ModelOffer storage o = _offerModel[pair[1]];
            if (
                _openRequestError(pair[0], r).length == 0 &&
                o.token == r.token &&
                o.unitPrice <= r.maxUnitPrice &&
                _bookError(pair[1], o, r.consumer, r.quantity).length == 0
            ) return (true, pair[0], pair[1]);
        }
        return (false, requestId, offerId);
    }

    function _pick(uint256 seed, uint256 count) private pure returns (uint256) {
        return count == 0 ? 0 : 1 + (seed % count);
    }

    /// @dev A booking by `seed`; when `preferValid`, the first from there in status `wanted`, or a new one
    /// brought to that status through the operations themselves (each checked against the model and counted).
    function _pickBooking(uint256 seed, bool preferValid, Market.BookingStatus wanted) private returns (uint256) {
        uint256 count = bookings;
        uint256 first = _pick(seed, count);
        if (!preferValid) return first;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = 1 + ((first - 1 + i) % count);
            if (_bookingModel[id].status == wanted) return id;
        }
        return _freshBooking(seed, wanted);
    }

    /// @dev Lists a small offer, books it and takes the booking up to status `upTo` (Booked, Accepted, Delivered
    /// or Disputed); returns 0 if a step failed (as the model predicted).
    function _freshBooking(uint256 seed, Market.BookingStatus upTo) private returns (uint256 bookingId) {
        address provider = _providers[seed % 2];
        _listAs(provider, (seed >> 8) % 2 == 0, uint128(seed % 1e18), 5, (seed >> 16) % 3 == 0);
        uint256 before = bookings;
        _bookAs(provider == P1 ? C1 : C2, offers, 1);
        if (bookings == before) return 0;
        bookingId = bookings;
        ModelBooking storage b = _bookingModel[bookingId];
        if (upTo == Market.BookingStatus.Booked) return bookingId;
        if (_expect(Op.AcceptBooking, b.provider, 0, abi.encodeCall(Market.acceptBooking, (bookingId)), "")) {
            b.status = Market.BookingStatus.Accepted;
        }
        if (upTo == Market.BookingStatus.Delivered) {
            if (_expect(Op.MarkDelivered, b.provider, 0, abi.encodeCall(Market.markDelivered, (bookingId)), "")) {
                b.status = Market.BookingStatus.Delivered;
                b.windowEnds = uint48(block.timestamp + b.disputeWindow);
            }
        } else if (upTo == Market.BookingStatus.Disputed) {
            bytes memory call = abi.encodeCall(Market.openDispute, (bookingId, keccak256("statement")));
            if (_expect(Op.OpenDispute, b.consumer, 0, call, "")) {
                b.status = Market.BookingStatus.Disputed;
                b.windowEnds = uint48(block.timestamp);
            }
        }
    }
}

/// @notice Invariants of the market over random sequences of operations, each checked against the handler's
/// model; and, after every run, that each kind of operation succeeded a minimum number of times (so that the
/// invariants cannot pass on a run in which everything reverted).
contract MarketInvariantTest is WeconetTest {
    MarketHandler internal handler;
    Market internal market;
    TestToken internal token;
    AccessGrants internal accessGrants;

    address internal constant TREASURY = address(0x7EA5);
    uint16 internal constant DELIVERY_ADDRESS = 3;
    /// @dev Each kind of operation succeeds at least this often in every run (of `invariant.depth` calls).
    uint256 internal constant MIN_SUCCESSES = 2;

    function setUp() public {
        handler = new MarketHandler();
        (market, token, accessGrants) = handler.contracts();
        targetContract(address(handler));
    }

    /// @notice Run by the test runner after each run's sequence of calls.
    function afterInvariant() external view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
        for (uint256 op = 0; op < 22; ++op) {
            uint256 count = handler.successes(MarketHandler.Op(op));
            if (count < MIN_SUCCESSES) {
                revert AssertionFailed(
                    string.concat("too few successes of operation ", _digits(op)),
                    count,
                    MIN_SUCCESSES
                );
            }
        }
    }

    /// @notice Every call succeeded or failed exactly as the model predicted (with the exact error).
    /// hardhat-config: invariant.runs = 4
    /// hardhat-config: invariant.depth = 400
    function invariant_everyOutcomeAsTheModelPredicts() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    /// @notice The market holds exactly the open escrows plus what is credited and not yet withdrawn, per token;
    /// and that is also everything paid in minus everything paid out; every credit is the model's.
    /// hardhat-config: invariant.runs = 4
    /// hardhat-config: invariant.depth = 400
    function invariant_holdsExactlyOpenEscrowsPlusCredits() public view {
        _checkSolvency(address(0), address(market).balance);
        _checkSolvency(address(token), token.balanceOf(address(market)));
    }

    /// @notice Every booking is as the model says (status, fee, dispute window and ruling period in force at
    /// booking, window end or dispute opening), and settled at most once; every offer's booked units too.
    /// hardhat-config: invariant.runs = 4
    /// hardhat-config: invariant.depth = 400
    function invariant_bookingsAsModelledAndSettledOnce() public view {
        uint256 count = market.bookingCount();
        assertEq(count, handler.bookings(), "bookings made");
        for (uint256 id = 1; id <= count; ++id) {
            Market.Booking memory b = market.booking(id);
            MarketHandler.ModelBooking memory m = handler.bookingModel(id);
            assertEq(uint256(b.status), uint256(m.status), "status");
            assertEq(b.feeBps, m.feeBps, "fee in force at booking");
            assertEq(b.disputeWindow, m.disputeWindow, "dispute window in force at booking");
            assertEq(b.rulingPeriod, m.rulingPeriod, "ruling period in force at booking");
            assertEq(b.windowEnds, m.windowEnds, "window end / dispute opening");
            assertEq(b.amount, m.amount, "escrow");
            assertEq(handler.settlements(id), _isSettled(b.status) ? 1 : 0, "settled exactly once when final");
        }
        uint256 offers = market.offerCount();
        for (uint256 id = 1; id <= offers; ++id) {
            assertEq(market.offer(id).booked, handler.offerModel(id).booked, "units booked");
        }
    }

    /// @notice The provider may read the consumer's delivery address exactly while an unsettled booking between
    /// them needs it whose own consent has not expired.
    /// hardhat-config: invariant.runs = 4
    /// hardhat-config: invariant.depth = 400
    function invariant_connectionOpenWhileABookingNeedsIt() public view {
        address[4] memory consumers = handler.consumers();
        address[2] memory providers = handler.providers();
        uint256 count = market.bookingCount();
        for (uint256 c = 0; c < consumers.length; ++c) {
            for (uint256 p = 0; p < providers.length; ++p) {
                bool live = false;
                for (uint256 id = 1; id <= count && !live; ++id) {
                    MarketHandler.ModelBooking memory b = handler.bookingModel(id);
                    live =
                        b.withData &&
                        !_isSettled(b.status) &&
                        b.consumer == consumers[c] &&
                        b.provider == providers[p] &&
                        block.timestamp < handler.consentExpiry(id);
                }
                assertTrue(
                    accessGrants.isAuthorized(consumers[c], providers[p], DELIVERY_ADDRESS) == live,
                    "the provider reads the address exactly while a booking needs it (and the grant has not expired)"
                );
            }
        }
    }

    function _checkSolvency(address payToken, uint256 held) private view {
        uint256 owed;
        uint256 count = market.bookingCount();
        for (uint256 id = 1; id <= count; ++id) {
            Market.Booking memory b = market.booking(id);
            if (b.token == payToken && !_isSettled(b.status)) owed += b.amount;
        }
        address[4] memory accounts = handler.consumers();
        for (uint256 i = 0; i < accounts.length; ++i) {
            uint256 credited = market.balanceOf(accounts[i], payToken);
            assertEq(credited, handler.credit(payToken, accounts[i]), "credit as modelled");
            owed += credited;
        }
        owed += market.balanceOf(TREASURY, payToken);
        assertEq(market.balanceOf(TREASURY, payToken), handler.credit(payToken, TREASURY), "fees as modelled");
        assertEq(held, owed, "held == open escrows + credits");
        assertEq(held, handler.netDeposits(payToken), "held == paid in - paid out");
    }

    function _isSettled(Market.BookingStatus status) private pure returns (bool) {
        return status >= Market.BookingStatus.Completed;
    }

    function _digits(uint256 value) private pure returns (string memory) {
        if (value < 10) return string(abi.encodePacked(bytes1(uint8(48 + value))));
        return string(abi.encodePacked(bytes1(uint8(48 + value / 10)), bytes1(uint8(48 + (value % 10)))));
    }
}
