/** Counters and a latency histogram, rendered in the Prometheus text format at /metrics. */
const BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 1000];

export class Metrics {
  private requests = new Map<string, number>();
  private durations = new Map<string, number[]>();
  private sums = new Map<string, number>();
  private gauges = new Map<string, () => number>();

  /** Records one answered request. */
  observe(route: string, status: number, ms: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const buckets = this.durations.get(route) ?? new Array<number>(BUCKETS_MS.length + 1).fill(0);
    const index = BUCKETS_MS.findIndex((b) => ms <= b);
    buckets[index === -1 ? BUCKETS_MS.length : index]! += 1;
    this.durations.set(route, buckets);
    this.sums.set(route, (this.sums.get(route) ?? 0) + ms / 1000);
  }

  /** Registers a gauge read at scrape time. */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  /** The exposition text. */
  render(): string {
    const lines = ['# TYPE consentry_http_requests_total counter'];
    for (const [labels, n] of this.requests)
      lines.push(`consentry_http_requests_total{${labels}} ${n}`);
    lines.push('# TYPE consentry_http_request_duration_seconds histogram');
    for (const [route, buckets] of this.durations) {
      let cumulative = 0;
      BUCKETS_MS.forEach((b, i) => {
        cumulative += buckets[i]!;
        lines.push(
          `consentry_http_request_duration_seconds_bucket{route="${route}",le="${b / 1000}"} ${cumulative}`,
        );
      });
      cumulative += buckets[BUCKETS_MS.length]!;
      lines.push(
        `consentry_http_request_duration_seconds_bucket{route="${route}",le="+Inf"} ${cumulative}`,
      );
      lines.push(
        `consentry_http_request_duration_seconds_sum{route="${route}"} ${this.sums.get(route) ?? 0}`,
      );
      lines.push(`consentry_http_request_duration_seconds_count{route="${route}"} ${cumulative}`);
    }
    for (const [name, read] of this.gauges) lines.push(`# TYPE ${name} gauge`, `${name} ${read()}`);
    return `${lines.join('\n')}\n`;
  }
}
