"use client";

import Link from "next/link";

import { nextSteps } from "@/lib/membership";
import { useWeconet, useWeconetRead } from "@/lib/weconet";

/** For a wallet that cannot act as a member (yet): where it stands and what it can do next. */
export function NextSteps({ here }: { here?: string }) {
  const { account } = useWeconet();
  const me = useWeconetRead("member", account === undefined ? undefined : [account]);
  const next = nextSteps(account !== undefined, account === undefined ? "none" : me.data?.status);
  if (next === undefined) return null;
  return (
    <section className="card next-steps" aria-labelledby="next-h" data-testid="next-steps">
      <h2 id="next-h">{next.headline}</h2>
      <ul>
        {next.steps.map((step) => (
          <li key={step.text}>
            {step.text}
            {step.href !== undefined && step.href !== here && (
              <>
                {" "}
                <Link href={step.href}>{step.link}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
