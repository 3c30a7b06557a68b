// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DemoEuro — for the LOCAL DEMO network only, never deployed by Weconet's modules
/// @notice A play-money euro for the demo market: anyone may claim {FAUCET_AMOUNT} from the faucet once a day,
/// so that people trying the dApp can book offers priced in an ERC-20. It has no value and no owner.
contract DemoEuro is ERC20 {
    /// @notice What one faucet claim pays: 1,000 dEUR.
    uint256 public constant FAUCET_AMOUNT = 1_000 ether;
    /// @notice How long an account waits between two claims.
    uint256 public constant FAUCET_COOLDOWN = 1 days;

    /// @notice When each account last claimed.
    mapping(address account => uint256) public lastClaim;

    /// @notice `account` claimed `amount` from the faucet.
    event FaucetClaimed(address indexed account, uint256 amount);

    /// @notice `account` may claim again at `next`.
    error DemoEuroFaucetCoolingDown(address account, uint256 next);

    constructor() ERC20("Demo Euro", "dEUR") {}

    /// @notice Pays the caller {FAUCET_AMOUNT}, at most once per {FAUCET_COOLDOWN}.
    function claim() external {
        uint256 last = lastClaim[msg.sender];
        if (last != 0 && block.timestamp < last + FAUCET_COOLDOWN) {
            revert DemoEuroFaucetCoolingDown(msg.sender, last + FAUCET_COOLDOWN);
        }
        lastClaim[msg.sender] = block.timestamp;
        _mint(msg.sender, FAUCET_AMOUNT);
        emit FaucetClaimed(msg.sender, FAUCET_AMOUNT);
    }
}
