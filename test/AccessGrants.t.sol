// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AccessGrants} from "../contracts/access/AccessGrants.sol";
import {Applications} from "../contracts/access/Applications.sol";
import {PersonAttributes} from "../contracts/access/PersonAttributes.sol";
import {Membership} from "../contracts/membership/Membership.sol";
import {INetworkRules} from "../contracts/rules/INetworkRules.sol";
import {NetworkRules} from "../contracts/rules/NetworkRules.sol";
import {ITaxonomy} from "../contracts/taxonomy/ITaxonomy.sol";
import {Taxonomy} from "../contracts/taxonomy/Taxonomy.sol";
import {WeconetTest} from "./lib/WeconetTest.sol";

// Test functions keep Foundry's names (`testFuzz_*`, `invariant_*`): the runner finds them by these prefixes.
// solhint-disable func-name-mixedcase

/// @dev The real Membership, NetworkRules, Taxonomy, Applications and AccessGrants, deployed with `new`; the
/// deploying contract is their governance. Members are keys 1..MEMBERS (so they can sign), founders all.
abstract contract AccessFixture is WeconetTest {
    uint256 internal constant MEMBERS = 4;
    uint256 internal constant PERSON_ATTRIBUTES = 12;
    uint16 internal constant RESOURCE_ATTRIBUTE = 13;
    uint32 internal constant MAX_GRANT = 30 days;
    bytes32 internal constant PURPOSE = keccak256("purpose:delivery");
    uint256 internal constant LEADER_KEY = 101;
    uint256 internal constant MANAGER_KEY = 102;
    uint256 internal constant DEVELOPER_KEY = 103;
    uint256 internal constant APP_KEY = 104;

    NetworkRules internal rules;
    Taxonomy internal taxonomy;
    Membership internal membership;
    Applications internal applications;
    AccessGrants internal grants;

    address internal leader;
    address internal developer;
    address internal app = vm.addr(APP_KEY);
    address[] internal members;

    function _deploy(address governance) internal {
        vm.warp(1_700_000_000);
        rules = new NetworkRules(
            governance,
            NetworkRules.RuleValues({
                admissionPolicy: INetworkRules.AdmissionPolicy.Open,
                marketFeeBps: 100,
                maxGrantDuration: MAX_GRANT,
                disputeWindow: 3 days,
                accessRequestLifetime: 7 days,
                probationPeriod: 35 days,
                admissionsPerLeader: 100,
                disputeRulingPeriod: 14 days
            })
        );
        taxonomy = new Taxonomy(governance, _starterTaxonomy());
        membership = new Membership(governance, rules, _founders());
        applications = new Applications(governance, membership, taxonomy);
        grants = new AccessGrants(governance, membership, rules, taxonomy, applications, address(0));

        uint16[] memory asked = new uint16[](1);
        asked[0] = 4;
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            APP_KEY,
            applications.registrationDigest(app, developer, applications.nonces(app), deadline)
        );
        vm.prank(developer);
        applications.register(
            app,
            "Route planner",
            "ipfs://route-planner",
            asked,
            keccak256("purpose:routing"),
            deadline,
            abi.encodePacked(r, s, v)
        );
    }

    /// @dev Twelve person attributes (ids 1..12), then a resource class (id 13).
    function _starterTaxonomy() private pure returns (Taxonomy.AttributeInput[] memory starter) {
        string[12] memory names = [
            "given_name",
            "family_name",
            "birth_date",
            "postal_address",
            "delivery_address",
            "email",
            "phone",
            "skills",
            "languages",
            "availability",
            "home_location",
            "bank_account"
        ];
        starter = new Taxonomy.AttributeInput[](PERSON_ATTRIBUTES + 1);
        for (uint256 i = 0; i < PERSON_ATTRIBUTES; ++i) {
            starter[i] = Taxonomy.AttributeInput(names[i], ITaxonomy.Domain.Person, ITaxonomy.DataType.Text, 0);
        }
        starter[PERSON_ATTRIBUTES] = Taxonomy.AttributeInput(
            "bike",
            ITaxonomy.Domain.Resource,
            ITaxonomy.DataType.Class,
            0
        );
    }

    /// @dev A manager, a leader, a developer and MEMBERS plain members (keys 1..MEMBERS).
    function _founders() private returns (Membership.Founder[] memory founders) {
        leader = vm.addr(LEADER_KEY);
        developer = vm.addr(DEVELOPER_KEY);
        founders = new Membership.Founder[](3 + MEMBERS);
        founders[0] = Membership.Founder(vm.addr(MANAGER_KEY), keccak256("manager"), keccak256("MANAGER_ROLE"));
        founders[1] = Membership.Founder(leader, keccak256("leader"), keccak256("LEADER_ROLE"));
        founders[2] = Membership.Founder(developer, keccak256("developer"), keccak256("DEVELOPER_ROLE"));
        for (uint256 i = 0; i < MEMBERS; ++i) {
            address member = vm.addr(i + 1);
            members.push(member);
            founders[3 + i] = Membership.Founder(member, keccak256(abi.encode("member", i)), bytes32(0));
        }
    }

    /// @dev The person attributes whose bits are set in `mask` (bit i = attribute i + 1), in increasing order.
    function _ids(uint256 mask) internal pure returns (uint16[] memory ids) {
        uint256 count = 0;
        for (uint256 i = 0; i < PERSON_ATTRIBUTES; ++i) {
            if ((mask >> i) & 1 == 1) ++count;
        }
        ids = new uint16[](count);
        uint256 k = 0;
        for (uint256 i = 0; i < PERSON_ATTRIBUTES; ++i) {
            if ((mask >> i) & 1 == 1) ids[k++] = uint16(i + 1);
        }
    }

    function _signature(uint256 key, AccessGrants.SignedGrant memory signed) internal returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, grants.grantDigest(signed));
        return abi.encodePacked(r, s, v);
    }

    function _signed(
        address owner,
        address grantee,
        uint16[] memory ids,
        uint48 expiresAt,
        uint256 nonce
    ) internal view returns (AccessGrants.SignedGrant memory) {
        return
            AccessGrants.SignedGrant(
                owner,
                grantee,
                ids,
                PURPOSE,
                expiresAt,
                uint48(block.timestamp),
                nonce,
                block.timestamp + 1 hours
            );
    }
}

/// @notice Fuzz tests: for any input, an expired, revoked or suspended connection never authorizes, only the owner
/// (or the owner's signature) opens a connection on the owner's data, and a set is exactly what was granted.
contract AccessGrantsFuzzTest is AccessFixture {
    function setUp() public {
        _deploy(address(this));
    }

    function _grant(address owner, address grantee, uint256 mask, uint256 duration) internal returns (uint48) {
        uint48 expiresAt = uint48(block.timestamp + bound(duration, 1, MAX_GRANT));
        vm.prank(owner);
        grants.grant(grantee, _ids(mask), PURPOSE, expiresAt);
        return expiresAt;
    }

    function _anyAuthorized(address owner, address grantee) internal view returns (bool) {
        for (uint16 id = 0; id <= PERSON_ATTRIBUTES + 1; ++id) {
            if (grants.isAuthorized(owner, grantee, id)) return true;
        }
        return false;
    }

    function testFuzz_grantedSetIsExactlyAuthorized(uint256 mask, uint256 duration) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        _grant(members[0], members[1], mask, duration);
        for (uint16 id = 1; id <= PERSON_ATTRIBUTES; ++id) {
            bool inSet = (mask >> (id - 1)) & 1 == 1;
            assertTrue(grants.isAuthorized(members[0], members[1], id) == inSet, "authorized iff granted");
        }
        assertFalse(grants.isAuthorized(members[0], members[1], 0), "id 0");
        assertFalse(grants.isAuthorized(members[0], members[1], RESOURCE_ATTRIBUTE), "resource attribute");
        assertEq(grants.connectionOf(members[0], members[1]).attributeIds.length, _ids(mask).length, "listed");
    }

    function testFuzz_regrantReplacesTheSet(uint256 first, uint256 second, uint256 duration) public {
        first = bound(first, 1, (1 << PERSON_ATTRIBUTES) - 1);
        second = bound(second, 1, (1 << PERSON_ATTRIBUTES) - 1);
        _grant(members[0], members[1], first, duration);
        _grant(members[0], members[1], second, duration);
        for (uint16 id = 1; id <= PERSON_ATTRIBUTES; ++id) {
            bool inSecond = (second >> (id - 1)) & 1 == 1;
            assertTrue(grants.isAuthorized(members[0], members[1], id) == inSecond, "only the latest set");
        }
    }

    function testFuzz_expiredNeverAuthorized(uint256 mask, uint256 duration, uint256 later) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        uint48 expiresAt = _grant(members[0], members[1], mask, duration);
        vm.warp(expiresAt - 1);
        assertTrue(_anyAuthorized(members[0], members[1]), "open until the expiry");
        vm.warp(expiresAt + bound(later, 0, 20 * 365 days));
        assertFalse(_anyAuthorized(members[0], members[1]), "expired");
    }

    function testFuzz_closedNeverAuthorized(uint256 mask, uint256 duration, uint256 wait, bool byGrantee) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        uint48 expiresAt = _grant(members[0], members[1], mask, duration);
        vm.warp(block.timestamp + bound(wait, 0, expiresAt - block.timestamp - 1));
        if (byGrantee) {
            vm.prank(members[1]);
            grants.relinquish(members[0]);
        } else {
            vm.prank(members[0]);
            grants.revoke(members[1]);
        }
        assertFalse(_anyAuthorized(members[0], members[1]), "closed");
        vm.warp(block.timestamp + bound(wait, 0, 2 * MAX_GRANT));
        assertFalse(_anyAuthorized(members[0], members[1]), "never revives");
    }

    function testFuzz_suspendedPartiesNeverAuthorized(uint256 mask, uint256 duration, uint8 who) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        _grant(members[0], members[1], mask, duration);
        _grant(members[0], app, mask, duration);
        uint256 party = bound(who, 0, 2);
        vm.startPrank(leader);
        if (party == 0) membership.suspend(members[0], "spam");
        else if (party == 1) membership.suspend(members[1], "spam");
        else applications.suspend(app, "abuse");
        vm.stopPrank();
        if (party != 2) assertFalse(_anyAuthorized(members[0], members[1]), "suspended member");
        if (party != 1) assertFalse(_anyAuthorized(members[0], app), "suspended owner or application");
    }

    function testFuzz_departedAndRejoinedNeverRevives(uint256 mask, uint256 duration, uint256 gap, bool owner) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        _grant(members[0], members[1], mask, duration);
        address party = owner ? members[0] : members[1];
        vm.warp(block.timestamp + bound(gap, 1, MAX_GRANT));
        vm.prank(party);
        membership.leave();
        vm.prank(party);
        membership.applyForMembership(keccak256("again"));
        vm.prank(leader);
        membership.admit(party);
        assertTrue(membership.isActiveMember(party), "member again");
        assertFalse(_anyAuthorized(members[0], members[1]), "a consent of an earlier membership");
    }

    function testFuzz_onlyTheOwnerOpensOnTheirData(uint256 callerSeed, address stranger, uint256 mask) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        address caller = members[bound(callerSeed, 1, MEMBERS - 1)];
        // a member's grant opens only the member's own connection
        _grant(caller, members[0] == caller ? members[1] : members[0], mask, 1 days);
        for (uint256 i = 0; i < MEMBERS; ++i) {
            if (members[i] == caller) continue;
            for (uint256 j = 0; j < MEMBERS; ++j) {
                assertFalse(_anyAuthorized(members[i], members[j]), "someone else's data");
            }
            assertFalse(_anyAuthorized(members[i], app), "someone else's data");
        }
        // anyone who is not an active member cannot open at all
        vm.assume(!membership.isActiveMember(stranger));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.AccessGrantsNotActiveMember.selector, stranger));
        grants.grant(members[1], _ids(mask), PURPOSE, uint48(block.timestamp + 1 days));
    }

    function testFuzz_onlyTheOwnersSignatureOpens(uint256 forgerKey, uint256 mask, uint256 duration) public {
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        forgerKey = bound(forgerKey, 2, 1_000_000);
        uint48 expiresAt = uint48(block.timestamp + bound(duration, 1, MAX_GRANT));
        AccessGrants.SignedGrant memory signed = _signed(members[0], members[1], _ids(mask), expiresAt, 0);

        bytes memory forged = _signature(forgerKey, signed);
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.AccessGrantsInvalidSignature.selector, members[0]));
        grants.grantBySig(signed, forged);

        bytes memory genuine = _signature(1, signed);
        grants.grantBySig(signed, genuine);
        assertTrue(_anyAuthorized(members[0], members[1]), "the owner's signature opens");

        vm.expectRevert(abi.encodeWithSelector(AccessGrants.AccessGrantsInvalidNonce.selector, members[0], 0, 1));
        grants.grantBySig(signed, genuine);
    }

    function testFuzz_expiredSignatureReverts(uint256 late) public {
        AccessGrants.SignedGrant memory signed = _signed(
            members[0],
            members[1],
            _ids(1),
            uint48(block.timestamp + 2 days),
            0
        );
        bytes memory signature = _signature(1, signed);
        vm.warp(signed.deadline + bound(late, 1, 365 days));
        vm.expectRevert(abi.encodeWithSelector(AccessGrants.AccessGrantsSignatureExpired.selector, signed.deadline));
        grants.grantBySig(signed, signature);
    }

    function testFuzz_badExpiryReverts(uint256 expiresAt) public {
        uint256 latest = block.timestamp + MAX_GRANT;
        expiresAt = bound(expiresAt, 0, type(uint48).max);
        vm.assume(expiresAt <= block.timestamp || expiresAt > latest);
        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(AccessGrants.AccessGrantsInvalidExpiry.selector, uint48(expiresAt), latest)
        );
        grants.grant(members[1], _ids(1), PURPOSE, uint48(expiresAt));
    }

    function testFuzz_nonPersonAttributeReverts(uint16 id) public {
        vm.assume(id == 0 || id > PERSON_ATTRIBUTES);
        uint16[] memory ids = new uint16[](1);
        ids[0] = id;
        vm.prank(members[0]);
        if (id == 0) {
            vm.expectRevert(abi.encodeWithSelector(PersonAttributes.PersonAttributesUnsorted.selector, id));
        } else {
            vm.expectRevert(abi.encodeWithSelector(PersonAttributes.PersonAttributesNotPersonAttribute.selector, id));
        }
        grants.grant(members[1], ids, PURPOSE, uint48(block.timestamp + 1 days));
    }

    function testFuzz_connectionIdIsTheHashOfOwnerAndGrantee(address owner, address grantee) public view {
        assertEq(grants.connectionIdOf(owner, grantee), uint256(keccak256(abi.encode(owner, grantee))), "id");
    }
}

/// @dev Drives AccessGrants through random sequences of what members, applications, leaders and time do, and
/// keeps a model of what must be authorized. Every action that should succeed must, and vice versa.
contract AccessHandler is AccessFixture {
    /// @dev One consent (source) of a pair: slot 0 the owner's own, slots 1..7 bookings through a connector.
    struct Consent {
        bool open;
        uint48 expiresAt;
        uint48 grantedAt;
        uint256 mask;
        uint256 consents;
        uint256 consentsAtClose;
    }

    struct Model {
        Consent[8] slots;
        // connector slots held (bit i = slot i): freed only by the connector
        uint8 occupied;
    }

    mapping(address owner => mapping(address grantee => Model)) internal _model;
    mapping(address member => bool) public suspended;
    mapping(address member => bool) public departed;
    mapping(address member => uint48) public since;
    bool public appSuspended;
    uint256 public deprecatedMask;
    uint256 public nonceOf0;

    /// @notice Actions whose outcome (success or revert) differed from what the model expected.
    uint256 public surprises;
    /// @notice Connections opened on someone's data without their transaction or signature.
    uint256 public forgedOpens;
    /// @notice How often each kind of consent operation succeeded (so that the invariants are not vacuous).
    uint256 public grantsMade;
    uint256 public bookingsOpened;
    uint256 public bookingsSettled;
    uint256 public closesMade;
    address internal lastBookedOwner;
    address internal lastBookedGrantee;

    constructor() {
        _deploy(address(this));
        // the handler is also the connector (the market's role): it is the governance of its own deployment
        grants.setConnector(address(this), true);
        for (uint256 i = 0; i < MEMBERS; ++i) since[members[i]] = uint48(block.timestamp);
    }

    function memberCount() external pure returns (uint256) {
        return MEMBERS;
    }

    function memberAt(uint256 i) external view returns (address) {
        return members[i];
    }

    function appAccount() external view returns (address) {
        return app;
    }

    function accessGrants() external view returns (AccessGrants) {
        return grants;
    }

    function model(address owner, address grantee, uint8 slot) external view returns (Consent memory) {
        return _model[owner][grantee].slots[slot];
    }

    function isActive(address member) public view returns (bool) {
        return !suspended[member] && !departed[member];
    }

    // ---- actions ----

    function grant(uint256 ownerSeed, uint256 granteeSeed, uint256 mask, uint256 duration) external {
        (address owner, address grantee) = _pair(ownerSeed, granteeSeed);
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        uint48 expiresAt = uint48(block.timestamp + bound(duration, 1, MAX_GRANT));
        bool allowed = isActive(owner) && _granteeValid(grantee) && mask & deprecatedMask == 0;
        vm.prank(owner);
        try grants.grant(grantee, _ids(mask), PURPOSE, expiresAt) {
            if (!allowed) ++surprises;
            ++grantsMade;
            _consent(owner, grantee, 0, mask, expiresAt);
        } catch {
            if (allowed) ++surprises;
        }
    }

    /// @dev A booking with data: the connector adds a consent in a free slot (never touching the others).
    function book(uint256 ownerSeed, uint256 granteeSeed, uint256 mask, uint256 duration) external {
        (address owner, address grantee) = _pair(ownerSeed, granteeSeed);
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        uint48 expiresAt = uint48(block.timestamp + bound(duration, 1, MAX_GRANT));
        Model storage m = _model[owner][grantee];
        uint8 free = 0;
        for (uint8 s = 1; s <= 7 && free == 0; ++s) if ((m.occupied >> s) & 1 == 0) free = s;
        bool allowed = isActive(owner) && _granteeValid(grantee) && mask & deprecatedMask == 0 && free != 0;
        try grants.openByConnector(owner, grantee, _ids(mask), PURPOSE, expiresAt) returns (uint256, uint8 slot) {
            if (!allowed || slot != free) ++surprises;
            ++bookingsOpened;
            (lastBookedOwner, lastBookedGrantee) = (owner, grantee);
            m.occupied |= uint8(1 << slot);
            _consent(owner, grantee, slot, mask, expiresAt);
        } catch {
            if (allowed) ++surprises;
        }
    }

    /// @dev Settling a booking: the connector removes exactly its own consent and frees the slot.
    function settle(uint256 ownerSeed, uint256 granteeSeed, uint256 slotSeed) external {
        (address owner, address grantee) = _pair(ownerSeed, granteeSeed);
        Model storage m = _model[owner][grantee];
        // most random pairs hold no booking: settle the latest booked pair's instead
        if (m.occupied == 0) {
            (owner, grantee) = (lastBookedOwner, lastBookedGrantee);
            m = _model[owner][grantee];
            if (m.occupied == 0) return;
        }
        uint8 slot = uint8(bound(slotSeed, 1, 7));
        while ((m.occupied >> slot) & 1 == 0) slot = slot == 7 ? 1 : slot + 1;
        Consent storage c = m.slots[slot];
        bool live = c.open && c.expiresAt > block.timestamp;
        try grants.closeByConnector(owner, grantee, slot) returns (bool closed) {
            if (closed != live) ++surprises;
            ++bookingsSettled;
            m.occupied &= ~uint8(1 << slot);
            if (c.open) {
                c.open = false;
                c.consentsAtClose = c.consents;
            }
        } catch {
            ++surprises;
        }
    }

    function grantBySig(uint256 granteeSeed, uint256 mask, uint256 duration) external {
        // member 0 signs; anyone submits
        address owner = members[0];
        address grantee = _anyGrantee(granteeSeed);
        if (grantee == owner) return;
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        uint48 expiresAt = uint48(block.timestamp + bound(duration, 1, MAX_GRANT));
        AccessGrants.SignedGrant memory signed = _signed(owner, grantee, _ids(mask), expiresAt, nonceOf0);
        bool allowed = isActive(owner) && _granteeValid(grantee) && mask & deprecatedMask == 0;
        try grants.grantBySig(signed, _signature(1, signed)) {
            if (!allowed) ++surprises;
            ++nonceOf0;
            ++grantsMade;
            _consent(owner, grantee, 0, mask, expiresAt);
        } catch {
            if (allowed) ++surprises;
        }
    }

    /// @dev Member 0's signature issued before their current membership began (they left and came back since, or
    /// it is back-dated): it must never open.
    function staleSignature(uint256 granteeSeed, uint256 back) external {
        address owner = members[0];
        address grantee = _anyGrantee(granteeSeed);
        if (grantee == owner || since[owner] == 0) return;
        AccessGrants.SignedGrant memory signed = _signed(
            owner,
            grantee,
            _ids(1),
            uint48(block.timestamp + 1 days),
            nonceOf0
        );
        signed.issuedAt = uint48(since[owner] - bound(back, 1, 30 days));
        try grants.grantBySig(signed, _signature(1, signed)) {
            ++forgedOpens;
        } catch {}
    }

    function forge(uint256 ownerSeed, uint256 forgerSeed, uint256 granteeSeed, uint256 mask) external {
        // another member signs a grant on the owner's data: it must never open
        address owner = members[bound(ownerSeed, 0, MEMBERS - 1)];
        uint256 forgerKey = bound(forgerSeed, 1, MEMBERS);
        if (vm.addr(forgerKey) == owner) forgerKey = (forgerKey % MEMBERS) + 1;
        address grantee = _anyGrantee(granteeSeed);
        if (grantee == owner) return;
        uint256 nonce = grants.nonces(owner);
        mask = bound(mask, 1, (1 << PERSON_ATTRIBUTES) - 1);
        AccessGrants.SignedGrant memory signed = _signed(
            owner,
            grantee,
            _ids(mask),
            uint48(block.timestamp + 1 days),
            nonce
        );
        try grants.grantBySig(signed, _signature(forgerKey, signed)) {
            ++forgedOpens;
        } catch {}
    }

    function revoke(uint256 ownerSeed, uint256 granteeSeed) external {
        (address owner, address grantee) = _pair(ownerSeed, granteeSeed);
        vm.prank(owner);
        _close(owner, grantee, abi.encodeCall(AccessGrants.revoke, (grantee)));
    }

    function relinquish(uint256 ownerSeed, uint256 granteeSeed) external {
        (address owner, address grantee) = _pair(ownerSeed, granteeSeed);
        vm.prank(grantee);
        _close(owner, grantee, abi.encodeCall(AccessGrants.relinquish, (owner)));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, MAX_GRANT));
    }

    function toggleSuspension(uint256 seed) external {
        address member = members[bound(seed, 0, MEMBERS - 1)];
        if (departed[member]) return;
        vm.prank(leader);
        if (suspended[member]) membership.reinstate(member);
        else membership.suspend(member, "spam");
        suspended[member] = !suspended[member];
    }

    function leaveOrRejoin(uint256 seed) external {
        address member = members[bound(seed, 0, MEMBERS - 1)];
        if (departed[member]) {
            vm.prank(member);
            membership.applyForMembership(keccak256("again"));
            vm.prank(leader);
            membership.admit(member);
            departed[member] = false;
            since[member] = uint48(block.timestamp);
        } else {
            vm.prank(member);
            membership.leave();
            departed[member] = true;
            suspended[member] = false;
        }
    }

    function toggleApplication() external {
        vm.prank(leader);
        if (appSuspended) applications.reinstate(app);
        else applications.suspend(app, "abuse");
        appSuspended = !appSuspended;
    }

    function deprecate(uint256 seed) external {
        // only the last three person attributes, so that most grants stay possible
        uint16 id = uint16(bound(seed, PERSON_ATTRIBUTES - 2, PERSON_ATTRIBUTES));
        if ((deprecatedMask >> (id - 1)) & 1 == 1) return;
        taxonomy.deprecateAttribute(id);
        deprecatedMask |= 1 << (id - 1);
    }

    // ---- model ----

    /// @notice What isAuthorized must answer, according to the model.
    function expected(address owner, address grantee, uint16 id) external view returns (bool) {
        if (id == 0 || id > PERSON_ATTRIBUTES || (deprecatedMask >> (id - 1)) & 1 == 1) return false;
        if (!isActive(owner)) return false;
        if (grantee == app ? appSuspended : !isActive(grantee)) return false;
        for (uint8 s = 0; s < 8; ++s) if (_covers(owner, grantee, s, id)) return true;
        return false;
    }

    /// @dev Whether consent `slot` of the pair is live, covers `id` and was given in both parties' current standing.
    function _covers(address owner, address grantee, uint8 slot, uint16 id) private view returns (bool) {
        Consent storage c = _model[owner][grantee].slots[slot];
        if (!c.open || c.expiresAt <= block.timestamp || (c.mask >> (id - 1)) & 1 == 0) return false;
        if (since[owner] > c.grantedAt) return false;
        // the application was registered at deployment, before any consent
        return grantee == app || since[grantee] <= c.grantedAt;
    }

    function _consent(address owner, address grantee, uint8 slot, uint256 mask, uint48 expiresAt) private {
        Consent storage c = _model[owner][grantee].slots[slot];
        c.open = true;
        c.expiresAt = expiresAt;
        c.grantedAt = uint48(block.timestamp);
        c.mask = mask;
        ++c.consents;
    }

    /// @dev Sends `call` (pranked as the owner or the grantee): it must succeed exactly when some consent (open
    /// or expired) is stored, and then every consent of the pair is closed; the slots stay held.
    function _close(address owner, address grantee, bytes memory call) private {
        Model storage m = _model[owner][grantee];
        bool any = false;
        for (uint8 s = 0; s < 8; ++s) any = any || m.slots[s].open;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(grants).call(call);
        if (ok != any) ++surprises;
        if (ok) {
            ++closesMade;
            for (uint8 s = 0; s < 8; ++s) {
                Consent storage c = m.slots[s];
                if (!c.open) continue;
                c.open = false;
                c.consentsAtClose = c.consents;
            }
        }
    }

    function _granteeValid(address grantee) private view returns (bool) {
        return grantee == app ? !appSuspended : isActive(grantee);
    }

    function _anyGrantee(uint256 seed) private view returns (address) {
        uint256 i = bound(seed, 0, MEMBERS);
        return i == MEMBERS ? app : members[i];
    }

    function _pair(uint256 ownerSeed, uint256 granteeSeed) private view returns (address owner, address grantee) {
        owner = members[bound(ownerSeed, 0, MEMBERS - 1)];
        grantee = _anyGrantee(granteeSeed);
        if (grantee == owner) grantee = members[(bound(ownerSeed, 0, MEMBERS - 1) + 1) % MEMBERS];
    }
}

/// @notice Invariants over random sequences of grants, signatures, forgeries, closes, time, suspensions,
/// departures, re-admissions, application suspensions and deprecations.
contract AccessGrantsInvariantTest is WeconetTest {
    AccessHandler internal handler;

    function setUp() public {
        handler = new AccessHandler();
        targetContract(address(handler));
    }

    /// @notice isAuthorized answers exactly what the model says, for every pair and attribute.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 40
    function invariant_authorizationMatchesModel() public view {
        AccessGrants grants = handler.accessGrants();
        uint256 n = handler.memberCount();
        for (uint256 i = 0; i < n; ++i) {
            address owner = handler.memberAt(i);
            for (uint256 j = 0; j <= n; ++j) {
                address grantee = j == n ? handler.appAccount() : handler.memberAt(j);
                if (grantee == owner) continue;
                for (uint16 id = 1; id <= 12; ++id) {
                    assertTrue(
                        grants.isAuthorized(owner, grantee, id) == handler.expected(owner, grantee, id),
                        "isAuthorized differs from the model"
                    );
                }
            }
        }
    }

    /// @notice An expired, closed or suspended connection is never authorized, and a closed one never without a
    /// consent given after it closed.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 40
    function invariant_noConsentRevivesWithoutANewConsent() public view {
        AccessGrants grants = handler.accessGrants();
        uint256 n = handler.memberCount();
        for (uint256 i = 0; i < n; ++i) {
            address owner = handler.memberAt(i);
            for (uint256 j = 0; j <= n; ++j) {
                address grantee = j == n ? handler.appAccount() : handler.memberAt(j);
                if (grantee == owner) continue;
                bool any = false;
                for (uint16 id = 1; id <= 12; ++id) any = any || grants.isAuthorized(owner, grantee, id);
                if (!any) continue;
                // no consent revives without a new consent: some source is open, unexpired, and was given after
                // that source last closed
                bool someLive = false;
                for (uint8 s = 0; s < 8; ++s) {
                    AccessHandler.Consent memory c = handler.model(owner, grantee, s);
                    someLive = someLive || (c.open && c.expiresAt > block.timestamp && c.consents > c.consentsAtClose);
                }
                assertTrue(someLive, "authorized without a live consent given since it last closed");
                assertTrue(handler.isActive(owner), "owner suspended or gone but authorized");
                if (grantee == handler.appAccount()) assertFalse(handler.appSuspended(), "application suspended");
                else assertTrue(handler.isActive(grantee), "grantee suspended or gone but authorized");
            }
        }
    }

    /// @notice Only the owner (or the owner's signature) opens a connection; every action did what the model said.
    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 40
    function invariant_noForgeryAndNoSurprise() public view {
        assertEq(handler.forgedOpens(), 0, "a forged or stale signature opened a connection");
        assertEq(handler.surprises(), 0, "an action succeeded or failed against the model");
    }
}
