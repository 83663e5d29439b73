// Accessibility sweeps under way in main, one at a time per window: the renderer starts one
// (after the user chose the inputs in main's dialog), polls its progress, may cancel it, and
// collects the report once. A job belongs to the webContents that started it. No electron.
import { randomUUID } from 'node:crypto'
import type { SweepReport } from '../core/a11y/sweep-report'
import { CancelledError, type ProgressListener } from '../core/bundle/byte-io'
import type { A11ySweepStatus } from '../core/host/ipc-channels'

export type SweepRunner = (run: {
  signal: AbortSignal
  onProgress: ProgressListener
}) => Promise<SweepReport>

interface Job {
  owner: number
  controller: AbortController
  status: A11ySweepStatus
}

export class SweepJobs {
  private readonly jobs = new Map<string, Job>()

  /** Starts `runner` for `owner`; refuses while the owner has a sweep running. */
  start(owner: number, runner: SweepRunner): string {
    for (const j of this.jobs.values()) {
      if (j.owner === owner && j.status.state === 'running')
        throw new Error('A sweep is already running in this window; wait for it or cancel it.')
    }
    const id = randomUUID()
    const job: Job = {
      owner,
      controller: new AbortController(),
      status: { state: 'running', done: 0, total: 0 },
    }
    this.jobs.set(id, job)
    runner({
      signal: job.controller.signal,
      onProgress: (p) => {
        if (job.status.state === 'running')
          job.status = { state: 'running', done: p.done, total: p.total }
      },
    }).then(
      (report) => {
        job.status = job.controller.signal.aborted
          ? { state: 'cancelled' }
          : { state: 'done', report }
      },
      (e: unknown) => {
        job.status =
          e instanceof CancelledError || job.controller.signal.aborted
            ? { state: 'cancelled' }
            : { state: 'failed', message: e instanceof Error ? e.message : String(e) }
      },
    )
    return id
  }

  /** The job's status; a finished job is handed over once and forgotten. */
  status(owner: number, id: string): A11ySweepStatus {
    const job = this.jobs.get(id)
    if (!job || job.owner !== owner) return { state: 'failed', message: 'No such sweep.' }
    if (job.status.state !== 'running') this.jobs.delete(id)
    return job.status
  }

  cancel(owner: number, id: string): void {
    const job = this.jobs.get(id)
    if (job && job.owner === owner) job.controller.abort()
  }

  /** Cancels and forgets every job of a closed window. */
  cancelAll(owner: number): void {
    for (const [id, job] of this.jobs) {
      if (job.owner !== owner) continue
      job.controller.abort()
      this.jobs.delete(id)
    }
  }
}
