import { ApplicationJob } from './application-job';

// Payload example: [42, 'Hello!', '2017-12-24']
export class UserConfirmationJob extends ApplicationJob {
  perform(id: number, message: string, date: string) {
    console.log(`confirm user ${id}: ${message} (${date})`);
  }
}
