// Limits CloudWatch Logs documents for filter patterns and TestMetricFilter, enforced the same way
// here so a pattern ringfence accepts is one AWS accepts.

/** PutMetricFilter / PutSubscriptionFilter / TestMetricFilter `filterPattern`: at most 1024 characters. */
export const MAX_PATTERN_LENGTH = 1024;

/** "There is a limit of 2 regex for each filter pattern when creating a delimited or JSON filter pattern." */
export const MAX_REGEX_PER_PATTERN = 2;

/** TestMetricFilter `logEventMessages`: 1 to 50 messages. */
export const TEST_METRIC_FILTER_MAX_EVENTS = 50;

/** Nesting of parentheses; not an AWS number, a guard so no pattern can exhaust the stack. */
export const MAX_PATTERN_DEPTH = 100;

/** Work allowed to place the fields of one event under the slots of a space-delimited pattern with several `...`. */
export const MAX_DELIMITED_STEPS = 100_000;
