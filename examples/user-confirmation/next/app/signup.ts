import { UserConfirmationJob } from './jobs/user-confirmation-job';

export async function signUp(id: number) {
  await UserConfirmationJob.performLater(id, 'Hello!', new Date().toISOString().slice(0, 10));
}
