// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271Wallet (tests only)
/// @notice The smallest smart-contract wallet: its owner acts through it, and the owner's ECDSA signature of a
/// digest counts as the wallet's own signature (ERC-1271). Lets the tests make a contract a member and have it
/// vote by signature.
contract ERC1271Wallet is IERC1271 {
    /// @notice The externally owned account that controls the wallet.
    address public immutable owner;

    /// @notice Only the owner acts through the wallet.
    error ERC1271WalletNotOwner(address caller);

    /// @param owner_ The controlling account.
    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Calls `target` with `data` as the wallet.
    /// @param target The contract to call.
    /// @param data The encoded call.
    /// @return The call's return data.
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        if (msg.sender != owner) revert ERC1271WalletNotOwner(msg.sender);
        return Address.functionCall(target, data);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(hash, signature);
        bool valid = error == ECDSA.RecoverError.NoError && signer == owner;
        return valid ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}
