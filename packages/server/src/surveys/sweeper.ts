import type { FastifyBaseLogger } from 'fastify';
import type { SurveyService } from './service.js';

/** Runs the survey e-mail step every minute: links of surveys left unanswered go out once. */
export class SurveySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly surveys: SurveyService,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs one pass unless the previous one is still sending; tests call it directly. */
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.surveys.sendDueEmails();
    } catch (error) {
      this.log.error({ err: error }, 'survey e-mail sweep failed');
    } finally {
      this.running = false;
    }
  }
}
