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
}

/// @notice Drives the market with random sequences of every user operation, by every actor, and keeps the
/// ghost records the invariants compare with.
contract MarketHandler is MarketWorld {
    address[4] internal _consumers = [C1, C2, P1, P2];
    address[2] internal _providers = [P1, P2];
    uint256[] internal _disputed;

    /// @notice What each booking credited to its consumer, provider and the treasury, in total.
    mapping(uint256 bookingId => uint256) public creditedFor;
    /// @notice How many times a settling call succeeded per booking.
    mapping(uint256 bookingId => uint256) public settlements;
    /// @notice Successful rulings by a party or by a non-leader (must stay 0).
    uint256 public forbiddenRulings;
    /// @notice Bookings whose fee differs from the rule in force when they were made (must stay 0).
    uint256 public feeMismatches;
    /// @notice Per token: everything escrowed minus everything withdrawn.
    mapping(address payToken => uint256) public netDeposits;
    /// @notice When the connection the latest data booking of a consumer with a provider opened expires.
    // each booking's own data consent expires on its own (consents of different bookings combine)
    mapping(uint256 bookingId => uint256) public consentExpiry;
    /// @notice Calls that succeeded, per operation (to see that the run explored the lifecycle).
    mapping(bytes32 operation => uint256) public calls;

    constructor() {
        _deployWorld();
    }

    // ---- offers ----

    function list(uint256 providerSeed, bool inToken, uint128 unitPrice, uint64 capacity, bool withData) external {
        address provider = _providers[providerSeed % 2];
        _list(
            provider,
            inToken ? address(token) : address(0),
            uint128(bound(unitPrice, 0, 1e24)),
            uint64(bound(capacity, 1, 50)),
            withData
        );
        ++calls["list"];
    }

    function update(uint256 offerSeed, uint128 unitPrice, uint64 capacity, bool inToken, bool withData) external {
        (uint256 offerId, Market.Offer memory o) = _pickOffer(offerSeed);
        if (offerId == 0) return;
        vm.prank(o.provider);
        try
            market.updateOffer(
                offerId,
                _terms(
                    inToken ? address(token) : address(0),
                    uint128(bound(unitPrice, 0, 1e24)),
                    uint64(bound(capacity, 1, 60))
                ),
                withData ? _deliveryData() : _noData()
            )
        {
            ++calls["update"];
        } catch {}
    }

    function pauseResumeClose(uint256 offerSeed, uint8 action) external {
        (uint256 offerId, Market.Offer memory o) = _pickOffer(offerSeed);
        if (offerId == 0) return;
        vm.prank(o.provider);
        action %= 3;
        if (action == 0) {
            try market.pauseOffer(offerId) {
                ++calls["pause"];
            } catch {}
        } else if (action == 1) {
            try market.resumeOffer(offerId) {
                ++calls["resume"];
            } catch {}
        } else {
            try market.closeOffer(offerId) {
                ++calls["close"];
            } catch {}
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
        address consumer = _consumers[consumerSeed % 4];
        vm.prank(consumer);
        market.postRequest(
            Market.RequestTerms({
                classId: COURIER,
                token: inToken ? address(token) : address(0),
                quantity: uint64(bound(quantity, 1, 5)),
                maxUnitPrice: uint128(bound(maxUnitPrice, 0, 1e24)),
                deadline: uint48(block.timestamp + bound(after_, 1, 10 days)),
                metadata: bytes32(0)
            })
        );
        ++calls["postRequest"];
    }

    function answer(uint256 requestSeed, uint256 offerSeed) external {
        uint256 requestId = _pick(requestSeed, market.requestCount());
        (uint256 offerId, Market.Offer memory o) = _pickOffer(offerSeed);
        if (requestId == 0 || offerId == 0) return;
        vm.prank(o.provider);
        try market.answerRequest(requestId, offerId) {
            ++calls["answer"];
        } catch {}
    }

    function acceptAnswer(uint256 requestSeed, uint256 offerSeed) external {
        uint256 requestId = _pick(requestSeed, market.requestCount());
        (uint256 offerId, Market.Offer memory o) = _pickOffer(offerSeed);
        if (requestId == 0 || offerId == 0) return;
        Market.Request memory r = market.request(requestId);
        uint256 amount = uint256(o.unitPrice) * r.quantity;
        Market.DataRequest memory consent = o.dataRequest == bytes32(0) ? _noData() : _deliveryData();
        uint256 value;
        if (o.token == address(0)) {
            vm.deal(r.consumer, amount);
            value = amount;
        } else {
            token.mint(r.consumer, amount);
            vm.prank(r.consumer);
            token.approve(address(market), amount);
        }
        uint16 feeNow = rules.marketFeeBps();
        vm.prank(r.consumer);
        try market.acceptAnswer{value: value}(requestId, offerId, o.version, consent) returns (uint256 bookingId) {
            _booked(bookingId, feeNow);
            ++calls["acceptAnswer"];
        } catch {}
    }

    // ---- bookings ----

    function book(uint256 consumerSeed, uint256 offerSeed, uint64 quantity) external {
        (uint256 offerId, ) = _pickOffer(offerSeed);
        if (offerId == 0) return;
        address consumer = _consumers[consumerSeed % 4];
        uint16 feeNow = rules.marketFeeBps();
        try this.bookAs(consumer, offerId, uint64(bound(quantity, 1, 5))) returns (uint256 bookingId) {
            _booked(bookingId, feeNow);
            ++calls["book"];
        } catch {}
    }

    /// @dev External so that `book` can catch its revert (funding included).
    function bookAs(address consumer, uint256 offerId, uint64 quantity) external returns (uint256) {
        if (msg.sender != address(this)) revert AssertionFailed("bookAs: internal", 0, 0);
        return _book(consumer, offerId, quantity);
    }

    function acceptBooking(uint256 bookingSeed) external {
        (uint256 bookingId, , address provider) = _pickBooking(bookingSeed);
        if (bookingId == 0) return;
        vm.prank(provider);
        try market.acceptBooking(bookingId) {
            ++calls["acceptBooking"];
        } catch {}
    }

    function markDelivered(uint256 bookingSeed) external {
        (uint256 bookingId, , address provider) = _pickBooking(bookingSeed);
        if (bookingId == 0) return;
        vm.prank(provider);
        try market.markDelivered(bookingId) {
            ++calls["markDelivered"];
        } catch {}
    }

    function openDispute(uint256 bookingSeed, bool byProvider) external {
        (uint256 bookingId, Market.Booking memory b, address provider) = _pickBooking(bookingSeed);
        if (bookingId == 0) return;
        vm.prank(byProvider ? provider : b.consumer);
        try market.openDispute(bookingId, keccak256("statement")) {
            _disputed.push(bookingId);
            ++calls["openDispute"];
        } catch {}
    }

    /// @dev The parties' settling operations, measured by what they credit. `kind`: decline, cancel, complete,
    /// claim.
    function settle(uint256 bookingSeed, uint8 kind) external {
        (uint256 bookingId, Market.Booking memory b, address provider) = _pickBooking(bookingSeed);
        if (bookingId == 0) return;
        uint256 before = _credited(b.consumer, provider, b.token);
        kind %= 4;
        bool ok;
        if (kind == 0) {
            vm.prank(provider);
            try market.declineBooking(bookingId) {
                ok = true;
            } catch {}
        } else if (kind == 1) {
            vm.prank(b.consumer);
            try market.cancelBooking(bookingId) {
                ok = true;
            } catch {}
        } else if (kind == 2) {
            vm.prank(b.consumer);
            try market.completeBooking(bookingId) {
                ok = true;
            } catch {}
        } else {
            vm.prank(provider);
            try market.claimPayment(bookingId) {
                ok = true;
            } catch {}
        }
        if (ok) _settled(bookingId, b, provider, before, [bytes32("decline"), "cancel", "complete", "claim"][kind]);
    }

    /// @dev A ruling on a disputed booking, half the time attempted by one of its parties (P2 and C2 are leaders).
    function rule(uint256 disputeSeed, uint256 rulerSeed, uint256 refund) external {
        if (_disputed.length == 0) return;
        uint256 bookingId = _disputed[disputeSeed % _disputed.length];
        Market.Booking memory b = market.booking(bookingId);
        address provider = market.offer(b.offerId).provider;
        uint256 before = _credited(b.consumer, provider, b.token);
        rulerSeed %= 4;
        address ruler =
            rulerSeed == 0
                ? LEADER
                : rulerSeed == 1
                    ? b.consumer
                    : rulerSeed == 2
                        ? provider
                        : P1;
        vm.prank(ruler);
        try market.ruleDispute(bookingId, bound(refund, 0, b.amount), keccak256("ruling")) {
            bool isLeader = membership.hasActiveRole(keccak256("LEADER_ROLE"), ruler);
            if (ruler == b.consumer || ruler == provider || !isLeader) ++forbiddenRulings;
            _settled(bookingId, b, provider, before, "rule");
        } catch {}
    }

    // ---- money ----

    function withdraw(uint256 accountSeed, bool inToken) external {
        address account = accountSeed % 5 == 4 ? TREASURY : _consumers[accountSeed % 4];
        address payToken = inToken ? address(token) : address(0);
        uint256 owed = market.balanceOf(account, payToken);
        if (account == TREASURY) {
            try market.withdrawFees(payToken) returns (uint256 amount) {
                _withdrawn(payToken, amount, owed);
            } catch {}
        } else {
            vm.prank(account);
            try market.withdraw(payToken) returns (uint256 amount) {
                _withdrawn(payToken, amount, owed);
            } catch {}
        }
    }

    // ---- the world around ----

    function setFee(uint16 feeBps) external {
        bytes32 feeKey = rules.MARKET_FEE_BPS();
        vm.prank(TREASURY);
        rules.setRule(feeKey, bound(feeBps, 0, 2_000));
        ++calls["setFee"];
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

    // ---- helpers ----

    function _booked(uint256 bookingId, uint16 feeAtBooking) private {
        Market.Booking memory b = market.booking(bookingId);
        netDeposits[b.token] += b.amount;
        if (b.feeBps != feeAtBooking) ++feeMismatches;
        if (b.consentSlot != 0) consentExpiry[bookingId] = block.timestamp + DATA_DURATION;
    }

    function _settled(
        uint256 bookingId,
        Market.Booking memory b,
        address provider,
        uint256 creditedBefore,
        bytes32 operation
    ) private {
        ++settlements[bookingId];
        creditedFor[bookingId] += _credited(b.consumer, provider, b.token) - creditedBefore;
        ++calls[operation];
    }

    function _withdrawn(address payToken, uint256 amount, uint256 owed) private {
        if (amount != owed) revert AssertionFailed("withdrawal pays what is owed", amount, owed);
        netDeposits[payToken] -= amount;
        ++calls["withdraw"];
    }

    function _pick(uint256 seed, uint256 count) private pure returns (uint256) {
        return count == 0 ? 0 : 1 + (seed % count);
    }

    function _pickOffer(uint256 seed) private view returns (uint256 offerId, Market.Offer memory o) {
        offerId = _pick(seed, market.offerCount());
        if (offerId != 0) o = market.offer(offerId);
    }

    function _pickBooking(
        uint256 seed
    ) private view returns (uint256 bookingId, Market.Booking memory b, address provider) {
        bookingId = _pick(seed, market.bookingCount());
        if (bookingId == 0) return (0, b, address(0));
        b = market.booking(bookingId);
        provider = market.offer(b.offerId).provider;
    }
}

/// @notice Invariants of the market over random sequences of operations.
contract MarketInvariantTest is WeconetTest {
    MarketHandler internal handler;
    Market internal market;
    TestToken internal token;
    AccessGrants internal accessGrants;

    address internal constant TREASURY = address(0x7EA5);
    uint16 internal constant DELIVERY_ADDRESS = 3;

    function setUp() public {
        handler = new MarketHandler();
        (market, token, accessGrants) = handler.contracts();
        targetContract(address(handler));
    }

    /// @notice The market holds exactly the open escrows plus what is credited and not yet withdrawn, per token;
    /// and that is also everything paid in minus everything paid out.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 80
    function invariant_holdsExactlyOpenEscrowsPlusCredits() public view {
        _checkSolvency(address(0), address(market).balance);
        _checkSolvency(address(token), token.balanceOf(address(market)));
    }

    /// @notice Every settled booking credited exactly its escrow once; an open one credited nothing.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 80
    function invariant_noBookingPaidTwice() public view {
        uint256 count = market.bookingCount();
        for (uint256 id = 1; id <= count; ++id) {
            Market.Booking memory b = market.booking(id);
            uint256 settled = handler.settlements(id);
            if (_isSettled(b.status)) {
                assertEq(settled, 1, "settled exactly once");
                assertEq(handler.creditedFor(id), b.amount, "credited the escrow exactly");
            } else {
                assertEq(settled, 0, "open booking not settled");
                assertEq(handler.creditedFor(id), 0, "open booking credited nothing");
            }
        }
    }

    /// @notice No ruling ever succeeded by a party to the booking (or by anyone but a leader), and every fee was
    /// the rule in force at booking.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 80
    function invariant_partyNeverRulesAndFeeIsFixedAtBooking() public view {
        assertEq(handler.forbiddenRulings(), 0, "forbidden rulings");
        assertEq(handler.feeMismatches(), 0, "fee mismatches");
    }

    /// @notice The provider may read the consumer's delivery address exactly while an unsettled booking between
    /// them needs it whose own consent has not expired.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 80
    function invariant_connectionOpenWhileABookingNeedsIt() public view {
        address[4] memory consumers = handler.consumers();
        address[2] memory providers = handler.providers();
        for (uint256 c = 0; c < consumers.length; ++c) {
            for (uint256 p = 0; p < providers.length; ++p) {
                bool live = false;
                uint256 count = market.bookingCount();
                for (uint256 id = 1; id <= count && !live; ++id) {
                    Market.Booking memory b = market.booking(id);
                    live =
                        b.consentSlot != 0 &&
                        !_isSettled(b.status) &&
                        b.consumer == consumers[c] &&
                        market.offer(b.offerId).provider == providers[p] &&
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
        for (uint256 i = 0; i < accounts.length; ++i) owed += market.balanceOf(accounts[i], payToken);
        owed += market.balanceOf(TREASURY, payToken);
        assertEq(held, owed, "held == open escrows + credits");
        assertEq(held, handler.netDeposits(payToken), "held == paid in - paid out");
    }

    function _isSettled(Market.BookingStatus status) private pure returns (bool) {
        return status >= Market.BookingStatus.Completed;
    }
}
