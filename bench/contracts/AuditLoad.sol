// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @dev The parts of Membership and Resources the load generator calls.
interface IAuditedMembership {
    function applyForMembership(bytes32 profile) external;
    function updateProfile(bytes32 profile) external;
}

interface IAuditedResources {
    function register(uint16 classId, bytes32 metadata) external returns (uint256 id);
    function update(uint256 id, uint16 classId, bytes32 metadata) external;
    function setActive(uint256 id, bool active) external;
}

/// @title AuditLoad
/// @notice Benchmark only (not part of Weconet): a member that is a contract, so that one transaction can make the
/// real Membership and Resources contracts emit hundreds of their own events. The audit benchmark uses it to put
/// 100,000 real Weconet events on a chain in seconds rather than in 100,000 transactions.
contract AuditLoad {
    IAuditedMembership public immutable membership;
    IAuditedResources public immutable resources;

    constructor(IAuditedMembership membership_, IAuditedResources resources_) {
        membership = membership_;
        resources = resources_;
    }

    /// @notice Applies for membership (a leader then admits this contract).
    function join(bytes32 profile) external {
        membership.applyForMembership(profile);
    }

    /// @notice Registers `count` resources of class `classId`: one ResourceRegistered event each.
    function registerMany(uint256 count, uint16 classId, bytes32 seed) external {
        for (uint256 i = 0; i < count; ++i) {
            resources.register(classId, keccak256(abi.encode(seed, i)));
        }
    }

    /// @notice `rounds` rounds of everyday changes, four events each: a profile update, a resource switched off
    /// and on again, and the resource re-described with alternating classes.
    function churn(
        uint256 rounds,
        uint256 firstResource,
        uint256 resourceCount,
        uint16 classA,
        uint16 classB,
        bytes32 seed
    ) external {
        for (uint256 i = 0; i < rounds; ++i) {
            bytes32 h = keccak256(abi.encode(seed, i));
            uint256 id = firstResource + (i % resourceCount);
            membership.updateProfile(h);
            resources.setActive(id, false);
            resources.setActive(id, true);
            resources.update(id, i % 2 == 0 ? classA : classB, h);
        }
    }
}
