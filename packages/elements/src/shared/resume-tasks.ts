// Loads cut short by a disconnect start again on reconnect: an element moved in the page (or
// taken out and put back) shows what it was loading, and one taken out for good leaves no request
// running.
import { TaskStatus, type Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any task, whatever its arguments and value
type AnyTask = Task<any, any>;

/** Aborts the host's loads in flight when it is disconnected, and runs them again when it is connected again. */
export class ResumeTasks implements ReactiveController {
  readonly #tasks: () => readonly AnyTask[];
  #interrupted: AnyTask[] = [];

  constructor(host: ReactiveControllerHost, tasks: () => readonly AnyTask[]) {
    this.#tasks = tasks;
    host.addController(this);
  }

  hostConnected(): void {
    const interrupted = this.#interrupted;
    this.#interrupted = [];
    for (const task of interrupted) void task.run();
  }

  hostDisconnected(): void {
    this.#interrupted = this.#tasks().filter((task) => task.status === TaskStatus.PENDING);
    for (const task of this.#interrupted) task.abort();
  }
}
