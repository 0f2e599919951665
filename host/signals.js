// What a shell prints when a job dies of a signal (the strsignal texts).

const NAMES = [
  null, 'Hangup', 'Interrupt', 'Quit', 'Illegal instruction', 'Trace/breakpoint trap', 'Aborted', 'Bus error',
  'Floating point exception', 'Killed', 'User defined signal 1', 'Segmentation fault', 'User defined signal 2',
  'Broken pipe', 'Alarm clock', 'Terminated', 'Stack fault', 'Child exited', 'Continued', 'Stopped (signal)',
  'Stopped', 'Stopped (tty input)', 'Stopped (tty output)', 'Urgent I/O condition', 'CPU time limit exceeded',
  'File size limit exceeded', 'Virtual timer expired', 'Profiling timer expired', 'Window changed',
  'I/O possible', 'Power failure', 'Bad system call',
];
const SIGINT = 2, SIGPIPE = 13;

// The one-line message for death by signal sig, or null where shells stay quiet (SIGINT, SIGPIPE).
export function signalMessage(sig, coreDumped = false) {
  if (sig === SIGINT || sig === SIGPIPE) return null;
  const name = NAMES[sig] ?? (sig >= 32 && sig <= 64 ? `Real-time signal ${sig - 32}` : `Unknown signal ${sig}`);
  return coreDumped ? `${name} (core dumped)` : name;
}
