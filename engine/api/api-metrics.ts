// Requests the API answered, by route and status, in the engine's prom-client registry. Registered once
// per registry so that two servers (a restart in a test) share the counter instead of clashing.
import { Counter, type Registry } from 'prom-client';

const NAME = 'msgsim_engine_api_requests_total';

export interface ApiMetrics {
  request(method: string, route: string, status: number): void;
}

export function createApiMetrics(registry: Registry): ApiMetrics {
  const existing = registry.getSingleMetric(NAME);
  const counter =
    existing instanceof Counter
      ? (existing as Counter<'method' | 'route' | 'status'>)
      : new Counter({ name: NAME, help: 'HTTP requests answered by the engine API', labelNames: ['method', 'route', 'status'], registers: [registry] });
  // prom-client hashes labels on every inc(); the label sets are few, so children are kept.
  const children = new Map<string, { inc(): void }>();
  return {
    request(method, route, status) {
      const key = `${method} ${route} ${status}`;
      let child = children.get(key);
      if (child === undefined) {
        child = counter.labels({ method, route, status: String(status) });
        children.set(key, child);
      }
      child.inc();
    },
  };
}
