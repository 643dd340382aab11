/**
 * An in-process handler as fetch sees a server: a caller that gives up (a timeout) gets an
 * abort, whatever the handler does after. Without it a "late" answer would still arrive.
 */
export function abortable(handle: (request: Request) => Promise<Response>) {
  return (url: string, init?: RequestInit): Promise<Response> => {
    const answer = handle(new Request(url, init));
    const signal = init?.signal;
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
}
