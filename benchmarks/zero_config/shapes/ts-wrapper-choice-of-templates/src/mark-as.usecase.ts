import { AnalyticsService } from './analytics.service';

export class MarkAs {
  constructor(private analyticsService: AnalyticsService) {}

  async execute(command: { markAs: string; source: 'api' | 'inbox' }) {
    this.notify(command, command.markAs);
  }

  private notify(command: { source: string }, markAs: string) {
    const message =
      command.source === 'inbox' ? `Mark as ${markAs} - [Inbox]` : `Mark as ${markAs} - [API]`;
    this.analyticsService.track(message, 'user');
  }
}
