import type { Address, Hex } from "viem";

import type {
  ApplicationStatus,
  BookingStatus,
  CloseReason,
  Consent,
  MarketRequestStatus,
  MemberStatus,
  OfferStatus,
} from "../errors.js";

/**
 * The read model's tables: what the network's events fold into, in memory (`MemoryStore`) or in the indexer's
 * database (its schema is generated from this description). One `as const` entry per table: its key columns and
 * each column's kind. The row types below are derived from it, so a column exists in one place only.
 *
 * Kinds: `int` is a JS number (uint8..uint48 fit), `bigint` a uint64+/uint256, `address`/`hex` viem's `Address` /
 * `Hex` (checksummed as `decodeEventLog` gives them; stores that keep them lower-cased return them checksummed).
 * A `?` suffix makes a column nullable: its value is `null`, never `undefined`.
 */
export const MODEL_TABLES = {
  /** The network's settings and the fold's cursor: one row, id "network". */
  settings: {
    key: ["id"],
    columns: {
      id: "text",
      /** The network manager (null before one was appointed). */
      manager: "address?",
      votingDelay: "bigint",
      votingPeriod: "bigint",
      proposalThreshold: "bigint",
      quorumNumerator: "bigint",
      lateQuorumExtension: "bigint",
      /** The governor's timelock as its events name it (the treasury that fees are credited to). */
      timelock: "address",
      minDelay: "bigint",
      /** Whether the deployer's bootstrap phase (approving connectors) has ended. */
      bootstrapFinished: "bool",
      /** The network's default socket (null before its event was read). */
      defaultSocket: "text?",
      /** How many events were folded, and the last one's position: the fold skips events at or before it. */
      events: "int",
      lastBlock: "bigint",
      lastLogIndex: "int",
    },
  },
  /** A member, applicant or former member. */
  member: {
    key: ["account"],
    columns: {
      account: "address",
      status: "text",
      /** When the current status began. */
      since: "int",
      /** When the current membership began (0 when not a member). */
      memberSince: "int",
      profile: "hex",
      /** 1 from the vote's activation until leaving or removal. */
      votes: "bigint",
      /** The authority of the current suspension (`Membership.Authority`; 0 none): only the same or higher lifts it. */
      suspendedBy: "int",
      /** Whether the account holds its (soulbound) badge. */
      badge: "bool",
    },
  },
  /** Every (role, account) ever granted in an AccessControl contract; revoked ones stay with held = false. */
  role: {
    key: ["contract", "role", "account"],
    columns: {
      contract: "text",
      role: "hex",
      account: "address",
      held: "bool",
      /** When it was last granted or revoked. */
      since: "int",
    },
  },
  /** A network rule (bytes32 key → value). */
  rule: { key: ["key"], columns: { key: "hex", value: "bigint" } },
  /** A taxonomy attribute. */
  attribute: {
    key: ["id"],
    columns: { id: "int", name: "text", domain: "int", dataType: "int", parent: "int", deprecated: "bool" },
  },
  /** A registered resource. */
  resource: {
    key: ["id"],
    columns: {
      id: "bigint",
      owner: "address",
      classId: "int",
      metadata: "hex",
      active: "bool",
      registeredAt: "int",
    },
  },
  /** A governor proposal: its calls, tally and lifecycle. */
  proposal: {
    key: ["id"],
    columns: {
      id: "bigint",
      proposer: "address",
      targets: "address[]",
      values: "bigint[]",
      calldatas: "hex[]",
      description: "text",
      voteStart: "bigint",
      voteEnd: "bigint",
      /** The deadline after late-quorum extensions. */
      deadline: "bigint",
      votesAgainst: "bigint",
      votesFor: "bigint",
      votesAbstain: "bigint",
      /** How many accounts voted. */
      voters: "int",
      queued: "bool",
      eta: "bigint",
      executed: "bool",
      canceled: "bool",
      createdAt: "int",
      block: "bigint",
      /** The transactions that proposed, queued, executed or canceled it (null until that happened). */
      proposedTx: "hex",
      queuedTx: "hex?",
      executedTx: "hex?",
      canceledTx: "hex?",
    },
  },
  /** A vote on a proposal, with its reason. */
  vote: {
    key: ["proposalId", "voter"],
    columns: {
      proposalId: "bigint",
      voter: "address",
      support: "int",
      weight: "bigint",
      reason: "text",
      block: "bigint",
      timestamp: "int",
      /** The transaction that cast it. */
      tx: "hex",
    },
  },
  /** A timelock operation's lifecycle. */
  operation: { key: ["id"], columns: { id: "hex", scheduled: "bool", executed: "bool", cancelled: "bool" } },
  /**
   * One consent of a data connection: slot 0 is the owner's own, slots 1..7 those a connector (the market)
   * opened for a booking. Closed ones stay (open = false).
   */
  connection: {
    key: ["id", "slot"],
    columns: {
      id: "bigint",
      slot: "int",
      owner: "address",
      grantee: "address",
      attributeIds: "int[]",
      /** The purpose code (kept in events only: the contract stores no purpose). */
      purpose: "hex",
      expiresAt: "int",
      /** When the consent was given (its last open or change). */
      grantedAt: "int",
      /** When it was first opened (after it was last closed). */
      openedAt: "int",
      consent: "text",
      /** The connector that opened it (zero for the owner's own consent). */
      connector: "address",
      open: "bool",
      closedAt: "int?",
      closedBy: "address?",
      closeReason: "text?",
      /** How many times it was opened or changed. */
      changes: "int",
    },
  },
  /** The latest request of a grantee to an owner, by connection id. */
  accessRequest: {
    key: ["connectionId"],
    columns: {
      connectionId: "bigint",
      owner: "address",
      grantee: "address",
      attributeIds: "int[]",
      purpose: "hex",
      duration: "int",
      /** When the request lapses. */
      expiresAt: "int",
      requestedAt: "int",
      status: "text",
      /** The reason code of a rejection. */
      reason: "hex?",
    },
  },
  /** A registered application. */
  application: {
    key: ["account"],
    columns: {
      account: "address",
      developer: "address",
      status: "text",
      registeredAt: "int",
      name: "text",
      metadataURI: "text",
      attributeIds: "int[]",
      purpose: "hex",
      /** The authority of the suspension in force (`Authority`; 0 none): only the same or higher lifts it. */
      suspendedBy: "int",
    },
  },
  /** A connector (the market): its number, whether it is approved now, and who last set it. */
  connector: { key: ["address"], columns: { address: "address", id: "int", approved: "bool", by: "address" } },
  /** Every connector approval or unapproval, in chain order, with who made it. */
  connectorChange: {
    key: ["block", "logIndex"],
    columns: { block: "bigint", logIndex: "int", connector: "address", approved: "bool", by: "address" },
  },
  /** A market offer: its current version's terms, document and data request. */
  offer: {
    key: ["id"],
    columns: {
      id: "bigint",
      provider: "address",
      resourceId: "bigint",
      status: "text",
      version: "int",
      classId: "int",
      token: "address",
      unitPrice: "bigint",
      capacity: "bigint",
      /** Units booked and not refunded. */
      booked: "bigint",
      validFrom: "int",
      validUntil: "int",
      /** The current offer document's content hash (kept in events only). */
      metadata: "hex",
      /** The consumer data a booking shares with the provider (no attributes: none). */
      dataAttributeIds: "int[]",
      dataPurpose: "hex",
      dataDuration: "int",
      listedAt: "int",
      updatedAt: "int",
    },
  },
  /** A consumer's request on the market. */
  marketRequest: {
    key: ["id"],
    columns: {
      id: "bigint",
      consumer: "address",
      status: "text",
      classId: "int",
      token: "address",
      quantity: "bigint",
      maxUnitPrice: "bigint",
      deadline: "int",
      /** The description's content hash (events only; may be zero). */
      metadata: "hex",
      postedAt: "int",
      /** Offers that answered it, in order. */
      answers: "bigint[]",
      /** The booking that accepting an answer made. */
      bookingId: "bigint?",
    },
  },
  /** A booking and its escrow, its dispute and its settlement. */
  booking: {
    key: ["id"],
    columns: {
      id: "bigint",
      offerId: "bigint",
      consumer: "address",
      /** The offer's provider (offers never change hands). */
      provider: "address",
      status: "text",
      version: "int",
      quantity: "bigint",
      token: "address",
      /** The escrowed amount. */
      amount: "bigint",
      feeBps: "int",
      /** The data connection the booking opened (0 for none). */
      connectionId: "bigint",
      /** The dispute window and ruling period (seconds) the booking keeps: the rules in force when it was made. */
      disputeWindow: "int",
      rulingPeriod: "int",
      /** When its dispute window ends (0 until delivered); once disputed, when the dispute opened. */
      windowEnds: "int",
      bookedAt: "int",
      /** The request whose answer it accepted, if any. */
      requestId: "bigint?",
      disputeBy: "address?",
      disputeStatement: "hex?",
      disputeOpenedAt: "int?",
      disputeMembersFrom: "int?",
      disputeFinalDeadline: "int?",
      ruling: "hex?",
      ruledBy: "address?",
      settledBy: "address?",
      settledAt: "int?",
      refund: "bigint?",
      payment: "bigint?",
      fee: "bigint?",
    },
  },
  /** A credited, unwithdrawn amount (zero once withdrawn: kept, every account ever credited is checked). */
  credit: { key: ["token", "account"], columns: { token: "address", account: "address", amount: "bigint" } },
  /** A member's own socket ("" once cleared: the default serves them). */
  socket: { key: ["account"], columns: { account: "address", url: "text" } },
  /** A socket operator's latest receipt anchor. */
  anchor: {
    key: ["operator"],
    columns: {
      operator: "address",
      root: "hex",
      receipts: "bigint",
      seq: "bigint",
      anchoredAt: "int",
      block: "bigint",
    },
  },
  /**
   * Which table changed last at which block, and how many events changed it so far: for refreshing only what
   * changed. Written by the fold itself, not by reducers.
   */
  change: { key: ["table"], columns: { table: "text", block: "bigint", count: "int" } },
} as const satisfies Record<string, TableSpec>;

/** A column's kind without its nullability. */
export type BaseKind =
  "address" | "hex" | "bigint" | "int" | "bool" | "text" | "int[]" | "bigint[]" | "address[]" | "hex[]";

/** A column's kind; a `?` suffix makes it nullable. */
export type ColumnKind = BaseKind | `${BaseKind}?`;

/** How a table is described. */
export interface TableSpec {
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ColumnKind>>;
}

/** The name of a table of the model. */
export type TableName = keyof typeof MODEL_TABLES;

/** Every table name, in the order of {@link MODEL_TABLES}. */
export const TABLE_NAMES = Object.keys(MODEL_TABLES) as TableName[];

/** The JS value of a column of kind `K`. */
export type ValueOfKind<K> = K extends `${infer B extends BaseKind}?`
  ? BaseValue<B> | null
  : K extends BaseKind
    ? BaseValue<K>
    : never;

type BaseValue<K extends BaseKind> = {
  address: Address;
  hex: Hex;
  bigint: bigint;
  int: number;
  bool: boolean;
  text: string;
  "int[]": readonly number[];
  "bigint[]": readonly bigint[];
  "address[]": readonly Address[];
  "hex[]": readonly Hex[];
}[K];

type Columns<T extends TableName> = (typeof MODEL_TABLES)[T]["columns"];

/** A row of table `T` as its kinds say (text columns as plain strings). */
type KindRow<T extends TableName> = { readonly [C in keyof Columns<T>]: ValueOfKind<Columns<T>[C]> };

/** Where a text column holds one of a known list of words: its narrower type (a store keeps them as text). */
interface TextTypes {
  member: { status: MemberStatus };
  role: { contract: RoleContract };
  connection: { consent: Consent; closeReason: CloseReason | null };
  accessRequest: { status: AccessRequestStatus };
  application: { status: ApplicationStatus };
  offer: { status: OfferStatus };
  marketRequest: { status: MarketRequestStatus };
  booking: { status: BookingStatus };
  change: { table: TableName };
}

/** The AccessControl contracts whose roles the model keeps. */
export type RoleContract = "membership" | "timelock";

/** Where a grantee's request to an owner stands. */
export type AccessRequestStatus = "pending" | "accepted" | "rejected" | "cancelled";

type Flat<O> = { readonly [K in keyof O]: O[K] };

/** A row of table `T`. */
export type RowOf<T extends TableName> = T extends keyof TextTypes
  ? Flat<Omit<KindRow<T>, keyof TextTypes[T]> & TextTypes[T]>
  : KindRow<T>;

/** The key columns of table `T`. */
export type KeyColumn<T extends TableName> = (typeof MODEL_TABLES)[T]["key"][number] & keyof RowOf<T>;

/** The key of a row of table `T`: its key columns' values (a whole row is a key too). */
export type KeyOf<T extends TableName> = Pick<RowOf<T>, KeyColumn<T>>;

/** Any row of any table. */
export type AnyRow = RowOf<TableName>;

/** The kind of column `column` of `table` (for stores that encode and decode values). */
export function kindOf(table: TableName, column: string): ColumnKind {
  const kind = (MODEL_TABLES[table].columns as Readonly<Record<string, ColumnKind>>)[column];
  if (kind === undefined) throw new Error(`weconet model: table ${table} has no column ${column}`);
  return kind;
}

/** The key columns of `table`, in order. */
export function keyColumns<T extends TableName>(table: T): readonly KeyColumn<T>[] {
  // the description is the source of the type: this only restates it for a generic T
  return MODEL_TABLES[table].key as readonly string[] as unknown as readonly KeyColumn<T>[];
}
