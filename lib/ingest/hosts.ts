/**
 * Per-host pacing. A refresh of many feeds tends to hit the same few sites (one publisher's ten feeds,
 * then every article on it); without pacing we would hammer them and get banned. Each host gets at most
 * `concurrency` requests in flight and a pause of `pauseMs` between the starts of successive requests.
 */

/** How a HostScheduler paces requests. */
export interface HostSchedulerOptions {
  /** Requests in flight at once per host (default 2). */
  concurrency?: number;
  /** Minimum time between the starts of two requests to the same host, in ms (default 1000). */
  pauseMs?: number;
}

interface HostState {
  active: number;
  lastStart: number;
  waiting: Array<() => void>;
  pauseMs: number | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Queues work per host so that no host sees more than a polite number of requests. */
export class HostScheduler {
  readonly concurrency: number;
  readonly pauseMs: number;
  private readonly hosts = new Map<string, HostState>();

  /** Creates a scheduler; the defaults are 2 requests at once and 1 s between starts per host. */
  constructor(options: HostSchedulerOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.pauseMs = Math.max(0, options.pauseMs ?? 1000);
  }

  /**
   * Raises the pause for one host, e.g. to honour a robots.txt Crawl-delay. It never lowers it below
   * the scheduler's own pause, so a site cannot ask us to go faster than we chose to.
   */
  setHostPause(host: string, pauseMs: number): void {
    const state = this.state(host);
    state.pauseMs = Math.max(this.pauseMs, pauseMs);
  }

  /** Requests in flight and waiting for a host, for logs and tests. */
  stats(host: string): { active: number; waiting: number } {
    const state = this.hosts.get(host.toLowerCase());
    return { active: state?.active ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  /**
   * Runs `task` when the host has a free slot and its pause has passed; the slot is held until the
   * task settles, so a task should include reading the body. An aborted `signal` drops a waiting task.
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const state = this.state(host);
    await this.acquire(state, signal);
    try {
      return await task();
    } finally {
      state.active--;
      this.pump(state);
      if (state.active === 0 && state.waiting.length === 0 && state.timer === null) {
        // keep lastStart around only while it still matters for the pause
        const key = host.toLowerCase();
        const pause = state.pauseMs ?? this.pauseMs;
        setTimeout(() => {
          const current = this.hosts.get(key);
          if (current === state && state.active === 0 && state.waiting.length === 0)
            this.hosts.delete(key);
        }, pause + 10).unref();
      }
    }
  }

  private state(host: string): HostState {
    const key = host.toLowerCase();
    let state = this.hosts.get(key);
    if (!state) {
      state = { active: 0, lastStart: -Infinity, waiting: [], pauseMs: null, timer: null };
      this.hosts.set(key, state);
    }
    return state;
  }

  private acquire(state: HostState, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = state.waiting.indexOf(grant);
        if (index !== -1) state.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      state.waiting.push(grant);
      this.pump(state);
    });
  }

  /** Starts the next waiting task if a slot is free and the pause has passed, else arms a timer. */
  private pump(state: HostState): void {
    if (state.timer !== null) return;
    if (state.waiting.length === 0 || state.active >= this.concurrency) return;
    const pause = state.pauseMs ?? this.pauseMs;
    const wait = state.lastStart + pause - Date.now();
    if (wait > 0) {
      state.timer = setTimeout(() => {
        state.timer = null;
        this.pump(state);
      }, wait);
      return;
    }
    const next = state.waiting.shift() as () => void;
    state.active++;
    state.lastStart = Date.now();
    next();
    this.pump(state);
  }
}
