// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title TestContractWallet
/// @notice TEST ONLY — never deployed by the Weconet modules. A minimal contract wallet: one key signs for it
/// (ERC-1271) and sends its calls, so tests can make it a member and let it sign grants like a smart account.
contract TestContractWallet is IERC1271 {
    /// @notice The key that controls the wallet.
    address public immutable signer;

    /// @notice Only the signer may send calls through the wallet.
    error TestContractWalletNotSigner(address caller);

    /// @param signer_ The controlling key.
    constructor(address signer_) {
        signer = signer_;
    }

    /// @notice Calls `target` with `data` as the wallet, bubbling up a revert.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result What the call returned.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != signer) revert TestContractWalletNotSigner(msg.sender);
        return Address.functionCall(target, data);
    }

    /// @notice ERC-1271: valid when the signer signed `hash` itself.
    /// @param hash The digest.
    /// @param signature The signer's ECDSA signature over it.
    /// @return magicValue {IERC1271.isValidSignature.selector} when valid, else `0xffffffff`.
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4 magicValue) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(hash, signature);
        return
            err == ECDSA.RecoverError.NoError && recovered == signer
                ? this.isValidSignature.selector
                : bytes4(0xffffffff);
    }
}
