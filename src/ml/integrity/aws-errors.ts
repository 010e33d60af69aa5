/** An AWS SDK error as one line: the operation, what it was about, the service's code and message. */
export function awsErrorText(e: unknown, operation: string, about: string): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; Code?: string };
  const code = err.Code ?? err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const message = err.message && err.message !== code && err.message !== 'UnknownError' ? `: ${err.message}` : '';
  return `${operation} on ${about} failed: ${code}${message}${status ? ` (HTTP ${status})` : ''}`;
}
