// Help paragraphs the capture commands that watch callers share.

/** Why callers must be tagged, and what happens without (`diluted`: what loses power). */
export const callerHelp = (diluted: string): string => `CloudTrail does not record InvokeEndpoint: tag callers through CustomAttributes in the API layer
in front of the endpoint (--caller-attribute) or join an access log (--caller-map); otherwise all
traffic of an endpoint is analysed as one caller, which dilutes ${diluted}.`;

export const CAPTURE_EXIT_CODES = `Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 an input could not be
read (the rest is still analysed), or a usage error.`;
