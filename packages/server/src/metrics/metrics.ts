import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Sources of the gauges that are read when Prometheus scrapes. */
export interface MetricSources {
  /** Sessions whose call is active. */
  callsInProgress(): Promise<number>;
  /** Customers in the queue whom no agent has accepted yet, from the database. */
  customersWaiting(): Promise<number>;
  /** Open Socket.IO connections on this node. */
  socketConnections(): number;
}

/**
 * Operational metrics in Prometheus format, one registry per server so that several servers in
 * one process (as in tests) do not share counters.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly timeToConnect = new Histogram({
    name: 'lensdesk_time_to_connect_seconds',
    help: 'Time from the start of a call (customer started, agent present) to the first video frame decoded by the agent, in seconds.',
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20, 60],
    registers: [this.registry],
  });

  readonly ocrReadDuration = new Histogram({
    name: 'lensdesk_ocr_read_duration_seconds',
    help: 'Duration of one serial read, queue wait included, in seconds.',
    buckets: [0.1, 0.2, 0.4, 0.8, 1.5, 3, 6, 15, 30],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'lensdesk_errors_total',
    help: 'Requests and socket events that failed, by error code and channel.',
    labelNames: ['code', 'channel'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lensdesk_' });

    new Gauge({
      name: 'lensdesk_calls_in_progress',
      help: 'Support sessions whose call is active.',
      registers: [this.registry],
      async collect() {
        this.set(await sources.callsInProgress());
      },
    });
    new Gauge({
      name: 'lensdesk_queue_length',
      help: 'Customers in the queue (QR code or website button) whom no agent has accepted yet.',
      registers: [this.registry],
      async collect() {
        this.set(await sources.customersWaiting());
      },
    });
    new Gauge({
      name: 'lensdesk_socket_connections',
      help: 'Open Socket.IO connections on this server.',
      registers: [this.registry],
      collect() {
        this.set(sources.socketConnections());
      },
    });
  }
}
