// SPDX-License-Identifier: MIT
// Compatible with OpenZeppelin Contracts ^5.0.0
pragma solidity ^0.8.27;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

// Benchmark anchor, not part of Weconet: the membership token that wizard.openzeppelin.com generates for
// ERC721 with "Mintable" + "Auto Increment Ids", "Votes: timestamp" (Weconet's clock) and "Ownable"; only the
// contract's name and symbol differ. Compiled by the benchmark to compare Weconet's admission and votes with it.
contract WizardToken is ERC721, Ownable, EIP712, ERC721Votes {
    uint256 private _nextTokenId;

    constructor(address initialOwner) ERC721("WizardToken", "WIZ") Ownable(initialOwner) EIP712("WizardToken", "1") {}

    function safeMint(address to) public onlyOwner returns (uint256) {
        uint256 tokenId = _nextTokenId++;
        _safeMint(to, tokenId);
        return tokenId;
    }

    /// @dev Returns the current timestamp as a uint48.
    /// Used for time-based operations in the contract.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @dev Returns the clock mode as a string.
    /// Indicates whether the contract uses block numbers or timestamps.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    // The following functions are overrides required by Solidity.

    function _update(
        address to,
        uint256 tokenId,
        address auth
    ) internal override(ERC721, ERC721Votes) returns (address) {
        return super._update(to, tokenId, auth);
    }

    function _increaseBalance(address account, uint128 value) internal override(ERC721, ERC721Votes) {
        super._increaseBalance(account, value);
    }
}
