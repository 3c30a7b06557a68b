// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @dev The parts of Membership the scale loader calls.
interface IScaleMembership {
    function applyForMembership(bytes32 profile) external;
    function admit(address applicant) external;
    function activateVote(address member) external;
}

/// @title ScaleMember
/// @notice Benchmark only (not part of Weconet): one member of the scale benchmark's network, a contract that
/// does whatever its loader tells it, so that one transaction of the loader makes hundreds of members act.
/// @dev Deployed once as the implementation of many EIP-1167 clones: `loader` is an immutable of the
/// implementation's code, so every clone answers to the loader that deployed the implementation.
contract ScaleMember {
    /// @notice The loader that drives this member.
    address public immutable loader;

    /// @notice Only the loader drives a member.
    error ScaleMemberNotLoader(address caller);

    constructor() {
        loader = msg.sender;
    }

    /// @notice Calls `target` with `data` as this member, bubbling up a revert as it came.
    /// @param target The Weconet contract to call.
    /// @param data The call's ABI-encoded data.
    function run(address target, bytes calldata data) external {
        if (msg.sender != loader) revert ScaleMemberNotLoader(msg.sender);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }
}

/// @title ScaleLoad
/// @notice Benchmark only (not part of Weconet): seeds a large network with real Weconet events in few
/// transactions. It creates members (clones of {ScaleMember}) who apply for membership; as a member holding the
/// leader role (granted by the members' vote) it admits them and activates their votes; and it has any batch of
/// its members call any Weconet contract (register resources, list offers, book, open and close connections).
contract ScaleLoad {
    IScaleMembership public immutable membership;
    /// @notice The implementation every member is a clone of.
    ScaleMember public immutable implementation;

    address[] private _members;

    /// @notice The batch's arrays differ in length.
    error ScaleLoadLengthMismatch(uint256 members, uint256 calls);

    constructor(IScaleMembership membership_) {
        membership = membership_;
        implementation = new ScaleMember();
    }

    /// @notice Applies for membership as the loader itself (a leader then admits it, and the members' vote makes
    /// it a leader).
    /// @param profile The loader's profile pointer.
    function join(bytes32 profile) external {
        membership.applyForMembership(profile);
    }

    /// @notice Creates `count` members, each applying for membership with a profile derived from `seed`.
    /// @param count How many.
    /// @param seed Makes every profile pointer distinct.
    function createMembers(uint256 count, bytes32 seed) external {
        for (uint256 i = 0; i < count; ++i) {
            ScaleMember m = ScaleMember(Clones.clone(address(implementation)));
            _members.push(address(m));
            m.run(
                address(membership),
                abi.encodeCall(IScaleMembership.applyForMembership, (keccak256(abi.encode(seed, i))))
            );
        }
    }

    /// @notice Admits members `from` to `from + count - 1` (this loader must be an active leader).
    /// @param from The first member's index.
    /// @param count How many.
    function admitMembers(uint256 from, uint256 count) external {
        for (uint256 i = from; i < from + count; ++i) membership.admit(_members[i]);
    }

    /// @notice Activates the votes of members `from` to `from + count - 1` (past their probation period).
    /// @param from The first member's index.
    /// @param count How many.
    function activateVotes(uint256 from, uint256 count) external {
        for (uint256 i = from; i < from + count; ++i) membership.activateVote(_members[i]);
    }

    /// @notice Has `members[i]` call `target` with `calls[i]`, for every i, in order.
    /// @param members The members (addresses of this loader's clones).
    /// @param target The Weconet contract they call.
    /// @param calls The ABI-encoded calls.
    function runEach(ScaleMember[] calldata members, address target, bytes[] calldata calls) external {
        if (members.length != calls.length) revert ScaleLoadLengthMismatch(members.length, calls.length);
        for (uint256 i = 0; i < members.length; ++i) members[i].run(target, calls[i]);
    }

    /// @notice How many members this loader created.
    /// @return The count.
    function memberCount() external view returns (uint256) {
        return _members.length;
    }

    /// @notice Members `from` to `from + count - 1`, in order of creation.
    /// @param from The first index.
    /// @param count How many.
    /// @return list Their addresses.
    function membersIn(uint256 from, uint256 count) external view returns (address[] memory list) {
        list = new address[](count);
        for (uint256 i = 0; i < count; ++i) list[i] = _members[from + i];
    }
}
