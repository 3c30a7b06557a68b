/**
 * What a page of the dApp may cost (issue 13): the JavaScript its first visit loads, gzip as sent, and the time until
 * it shows its data on localhost. The end-to-end suite records both per page and fails past FAIL_FACTOR × target, so
 * that a regression is caught without making the suite flaky on a busy machine.
 */
export const BUDGET = {
  jsGzipKB: 200,
  contentReadyMs: 500,
} as const;

export const FAIL_FACTOR = 1.5;
