import { ApplicationJob } from './application-job';

// Payload example: [42, 'hello!']
export class UserConfirmationJob extends ApplicationJob {
  perform(id: number, message: string) {
    console.log(`confirm user ${id}: ${message}`);
  }
}
