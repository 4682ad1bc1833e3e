/** The app's base class for background jobs (an ActiveJob-style layer over the queue). */
export abstract class ApplicationJob {
  static queue = 'default';

  static async performLater(...args: unknown[]): Promise<void> {
    console.log(`enqueue ${this.name} on ${this.queue}`, args);
  }
}
