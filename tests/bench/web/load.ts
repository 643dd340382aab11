// A small closed-loop load test: `connections` loops each fetch the page again as soon as the
// last answer is read, for `seconds`. Pages per second and the median time of one answer.
export type Load = { pagesPerSecond: number; p50: number; errors: number };

export async function loadTest(url: string, cookie: string, connections = 10, seconds = 10): Promise<Load> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const res = await fetch(url, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
      else times.push(performance.now() - t);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { pagesPerSecond: times.length / elapsed, p50: times[Math.floor(times.length / 2)] ?? Number.NaN, errors };
}
