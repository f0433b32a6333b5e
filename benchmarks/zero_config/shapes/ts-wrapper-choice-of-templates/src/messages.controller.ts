import { MarkAs } from './mark-as.usecase';

export class MessagesController {
  constructor(private markAsUsecase: MarkAs) {}

  markAsRead() {
    return this.markAsUsecase.execute({ markAs: 'read', source: 'api' });
  }

  markAsSeen() {
    return this.markAsUsecase.execute({ markAs: 'seen', source: 'inbox' });
  }
}
