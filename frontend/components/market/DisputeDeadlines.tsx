import type { BookingView } from "@weconet/sdk";

import { formatTime } from "@/lib/format";

/** A dispute's deadlines as dates: who may rule until when, and from when anyone may settle it. */
export function DisputeDeadlinesList({ deadlines: d }: { deadlines: NonNullable<BookingView["deadlines"]> }) {
  return (
    <ul className="small plain muted" data-testid="dispute-deadlines">
      <li>
        Opened {formatTime(d.disputedAt)}; leaders who are neither party rule until {formatTime(d.finalDeadline)}
      </li>
      <li>Members&apos; vote may rule from {formatTime(d.membersFrom)}</li>
      <li>From {formatTime(d.finalDeadline)} anyone may settle it: full refund to the consumer</li>
    </ul>
  );
}
